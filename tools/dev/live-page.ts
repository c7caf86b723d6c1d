/**
 * The docs page of `npm run dev`: the template `npm run docs` builds with, around an empty slot
 * that the browser fills with Redoc's `init` and the live spec (tools/dev/live-docs.client.js).
 * The page is a few kilobytes, the same on every save; what changes is the spec it fetches.
 */
import { readFile } from "node:fs/promises";
import { TEMPLATE, TITLE } from "../docs/docs.ts";

/** The page, importing Redoc's library from `library`, a file beside it. */
export async function livePage(library: string): Promise<string> {
  const script = [
    '<script type="module">',
    `      import { init } from "./${library}";`,
    '      import { showLiveDocs } from "./live-docs.js";',
    '      showLiveDocs(init, document.getElementById("docs"));',
    "    </script>",
  ].join("\n");
  const page = fill(await readFile(TEMPLATE, "utf8"), {
    "{{title}}": TITLE,
    "{{{redocHead}}}": script,
    "{{{redocHTML}}}": '<div id="docs"></div>',
  });
  return `<!DOCTYPE html>\n${page}`;
}

/** The template with each placeholder replaced; each must be there once, as build-docs needs it. */
function fill(template: string, values: Record<string, string>): string {
  let page = template;
  for (const [placeholder, value] of Object.entries(values)) {
    const parts = page.split(placeholder);
    if (parts.length !== 2) {
      throw new Error(`${TEMPLATE}: expected ${placeholder} once, found it ${parts.length - 1} times`);
    }
    page = parts.join(value);
  }
  return page;
}
