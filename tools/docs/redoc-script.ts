/**
 * Moves Redoc's library (2.3 MB) out of the page that `build-docs --inlineBundle` writes, into a
 * file of its own beside it: the page keeps its server-rendered HTML and styles, and a small
 * script that hydrates it with the spec. The file is named by a hash of its content, so a browser
 * may cache it for good: a new spec changes only the page.
 *
 * build-docs writes the library as an inline ES module. The built page loads it as a classic
 * script instead (classicPage), since a page opened from disk (file://, an opaque origin) may
 * run no module script from another file: Chromium fetches those with CORS, which file://
 * does not answer. The dev page, served over http, imports it as a module (moduleLibrary).
 */
import { createHash } from "node:crypto";
import { Script } from "node:vm";

const MODULE_OPEN = '<script type="module">';
const SCRIPT_CLOSE = "</script>";
/** How Redoc's standalone bundle ends: `export{RedocStandalone,hydrate,init};`. */
const EXPORTS = "export{";
/** The one global the classic library defines: an object of what the module exports. */
export const LIBRARY_GLOBAL = "Redoc";
/**
 * What stands for `import.meta` in the classic library, where it would be a syntax error. Redoc
 * refers to it only where FlexSearch starts a search worker from a file, in Node or where the
 * worker's code cannot be inlined; in a browser it runs the worker from a blob of that code.
 */
const IMPORT_META = "import.meta";
const IMPORT_META_STAND_IN = "__redocImportMeta";

/** Whether a file is a Redoc library, named by its content's hash. */
export const isLibrary = (name: string) => /^redoc-[0-9a-f]+\.js$/.test(name);

/** A file of Redoc's library, named `redoc-<hash>.js` by a hash of its content. */
export interface LibraryFile {
  name: string;
  body: string;
}

/** build-docs' page, taken apart at its inline module. */
export interface RedocPage {
  /** The page up to the module script, and from just after it. */
  before: string;
  after: string;
  /** Redoc's bundle as an ES module: everything up to and including its `export{…};`. */
  library: string;
  /** What the bundle exports: `export{a as b}` is { local: "a", exported: "b" }. */
  exports: { local: string; exported: string }[];
  /** The code after the library: the spec, the options and the call to hydrate(). */
  start: string;
}

export function splitRedocPage(page: string): RedocPage {
  const open = page.indexOf(MODULE_OPEN);
  const close = page.indexOf(SCRIPT_CLOSE, open);
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
  const exports = body
    .slice(exportsAt + EXPORTS.length, exportsEnd)
    .split(",")
    .map((entry) => {
      const [local = "", exported = local] = entry.trim().split(/\s+as\s+/);
      return { local, exported };
    });
  return {
    before: page.slice(0, open),
    after: page.slice(close + SCRIPT_CLOSE.length),
    library,
    exports,
    start: body.slice(library.length),
  };
}

/** The library as build-docs wrote it, an ES module, for a page that imports it over http. */
export function moduleLibrary(page: RedocPage): LibraryFile {
  return named(page.library);
}

/**
 * The page and its library as classic scripts, which load from file:// as over http: the
 * library, deferred so that the server-rendered page paints first, defines one global; the
 * page's own script takes the library's exports from it once the library has run (deferred
 * scripts run before DOMContentLoaded).
 */
export function classicPage(page: RedocPage): { html: string; library: LibraryFile } {
  const code = page.library.slice(0, page.library.lastIndexOf(EXPORTS));
  // `{ b: a }` for `export{a as b}`, in the global and in the page that takes it apart: the
  // page's code uses the library's own names.
  const names = page.exports
    .map(({ local, exported }) => (local === exported ? local : `${exported}: ${local}`))
    .join(", ");
  const library = named(
    [
      // Wrapped, so that nothing but the one global leaks; strict, as a module is.
      "(function () {",
      '"use strict";',
      "var __redocScript = typeof document === 'undefined' ? null : document.currentScript;",
      `var ${IMPORT_META_STAND_IN} = { url: __redocScript ? __redocScript.src : undefined };`,
      code.split(IMPORT_META).join(IMPORT_META_STAND_IN),
      `globalThis.${LIBRARY_GLOBAL} = { ${names} };`,
      "})();",
      "",
    ].join("\n"),
  );
  assertScript(library.body);
  const html =
    page.before +
    `<script src="./${library.name}" defer></script>\n` +
    "      <script>\n" +
    '      document.addEventListener("DOMContentLoaded", () => {\n' +
    `      const { ${names} } = ${LIBRARY_GLOBAL};\n` +
    `${page.start.replace(/^\n*/, "").trimEnd()}\n` +
    "      });\n" +
    `      ${SCRIPT_CLOSE}` +
    page.after;
  return { html, library };
}

/**
 * Fails when the classic library does not parse as a script: a Redoc that needs a module's
 * syntax (top-level await, a new use of import.meta) must fail the build, not the page.
 */
function assertScript(body: string): void {
  try {
    new Script(body);
  } catch (error) {
    throw new Error(
      `Redoc's library does not parse as a classic script (${error instanceof Error ? error.message : String(error)}): ` +
        "its bundle needs a module's syntax now, so tools/docs/redoc-script.ts must change with it",
    );
  }
}

function named(body: string): LibraryFile {
  return { name: `redoc-${createHash("sha256").update(body).digest("hex").slice(0, 12)}.js`, body };
}
