/**
 * Redoc's library taken out of build-docs' page (tools/docs/redoc-script.ts), for a spec whose
 * text looks like code: its description holds `export{x}`, `import.meta` and `</script>`, all of
 * which the page embeds after the library, in the same inline module. The build must find the
 * library's end in the library, not in the spec, and the page must still render from disk.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../tools/docs/docs.ts";
import { classicPage, LIBRARY_GLOBAL, splitRedocPage } from "../../tools/docs/redoc-script.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const CODE_LIKE = "Looks like code: `export{x}`, `import.meta.url` and `</script>`, which are text.";

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), "versori-issues-redoc-script-"));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the docs of a spec whose description looks like code", () => {
  it("build, and the page opened from disk shows the description as text", async () => {
    const spec = JSON.parse(await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8"));
    spec.info.description = `${CODE_LIKE}\n\n${spec.info.description}`;
    const library = await buildDocs(dir, JSON.stringify(spec));
    expect(library).toMatch(/^redoc-[0-9a-f]{12}\.js$/);

    const folder = pathToFileURL(dir).href;
    const { page, consoleErrors } = await openLocalPage(browser, folder);
    await page.goto(`${folder}/index.html`, { waitUntil: "load" });
    await page.getByText("Looks like code:").first().waitFor({ state: "visible", timeout: 10_000 });
    // Redoc renders the description's Markdown: the backticks become code, the rest stays text.
    const text = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Looks like code: export{x}, import.meta.url and </script>, which are text.");
    // Redoc hydrated the page: the tag's operations open from the menu.
    await page.getByText("issues", { exact: true }).first().click();
    await page.getByText("List issues").first().waitFor({ state: "visible", timeout: 10_000 });
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});

/** A page as build-docs writes it, with `library` and `start` in its one inline module. */
const redocPage = (library: string, start: string) =>
  `<html><body><div id="redoc"></div><script type="module">${library}\n\n      ${start}\n      </script></body></html>`;

/** Runs a classic library as a browser would, and resolves with the global it defines. */
function runClassic(body: string): Record<string, unknown> {
  const global: Record<string, unknown> = {};
  new Script(body).runInNewContext(global);
  return global[LIBRARY_GLOBAL] as Record<string, unknown>;
}

describe("splitRedocPage and classicPage", () => {
  it("end the library at its own exports, whatever the spec after it holds", async () => {
    const library = "const a = 1;function h(){return a}export{a as RedocStandalone,h as hydrate};";
    const start =
      'const __redoc_definition = {"info":{"description":"export{x} import.meta"}};\n' +
      "      hydrate(__redoc_definition);";
    const page = splitRedocPage(redocPage(library, start));
    expect(page.library).toBe(library);
    expect(page.exports).toEqual([
      { local: "a", exported: "RedocStandalone" },
      { local: "h", exported: "hydrate" },
    ]);
    expect(page.start).toContain("export{x} import.meta");
    const classic = await classicPage(page);
    expect(Object.keys(runClassic(classic.library.body)).sort()).toEqual(["RedocStandalone", "hydrate"]);
    expect(classic.html).toContain("export{x} import.meta");
    expect(classic.html).toContain(`<script src="./${classic.library.name}" defer></script>`);
  });

  it("leave `import.meta` alone inside the library's strings", async () => {
    // FlexSearch reads import.meta through an indirect eval, which runs in the global scope.
    const library = 'const text = "import.meta.url", read = () => import.meta.url;export{text,read};';
    const classic = await classicPage(splitRedocPage(redocPage(library, "const __redoc_definition = {};")));
    const exports = runClassic(classic.library.body) as { text: string; read: () => unknown };
    expect(exports.text).toBe("import.meta.url");
    // No document, so no script element to take a URL from: as a classic script in Node.
    expect(exports.read()).toBeUndefined();
  });
});
