/**
 * Moves Redoc's library (2.3 MB) out of the page that `build-docs --inlineBundle` writes, into a
 * same-origin file of its own: the page keeps its server-rendered HTML and styles, and a small
 * module that imports the library and hydrates the page with the spec. The file is named by a
 * hash of its content, so a browser may cache it for good: a new spec changes only the page.
 */
import { createHash } from "node:crypto";

const MODULE_OPEN = '<script type="module">';
const MODULE_CLOSE = "</script>";
/** How Redoc's standalone bundle ends: `export{RedocStandalone,hydrate,init};`. */
const EXPORTS = "export{";

/** Whether a file is a Redoc library, named as splitRedocScript names it: by its content's hash. */
export const isLibrary = (name: string) => /^redoc-[0-9a-f]+\.js$/.test(name);

export interface SplitPage {
  html: string;
  script: { name: string; body: string };
}

export function splitRedocScript(page: string): SplitPage {
  const open = page.indexOf(MODULE_OPEN);
  const close = page.indexOf(MODULE_CLOSE, open);
  const body = open === -1 || close === -1 ? "" : page.slice(open + MODULE_OPEN.length, close);
  const exportsAt = body.lastIndexOf(EXPORTS);
  const exportsEnd = body.indexOf("}", exportsAt);
  if (exportsAt === -1 || exportsEnd === -1) {
    throw new Error(
      "build-docs wrote a page without Redoc's library as one inline module ending in `export{…}`: " +
        "its output changed shape, so tools/docs/redoc-script.ts must change with it",
    );
  }
  const library = body.slice(0, body.indexOf(";", exportsEnd) + 1 || exportsEnd + 1);
  const start = body.slice(library.length); // the spec, the options and the call to hydrate()
  const name = `redoc-${createHash("sha256").update(library).digest("hex").slice(0, 12)}.js`;
  // `export{a as b}` is imported as `{ b as a }`: the page's code uses the library's own names.
  const imports = body
    .slice(exportsAt + EXPORTS.length, exportsEnd)
    .split(",")
    .map((entry) => {
      const [local, exported] = entry.trim().split(/\s+as\s+/);
      return exported ? `${exported} as ${local}` : local;
    })
    .join(", ");
  const html =
    page.slice(0, open) +
    `${MODULE_OPEN}\n      import { ${imports} } from "./${name}";\n${start.replace(/^\n*/, "")}${MODULE_CLOSE}` +
    page.slice(close + MODULE_CLOSE.length);
  return { html, script: { name, body: library } };
}
