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
import { transform } from "esbuild";

const MODULE_OPEN = '<script type="module">';
const SCRIPT_CLOSE = "</script>";
/**
 * Where build-docs' own code starts in the module, after the library: it defines the spec, then
 * the options, then calls hydrate(). Nothing before it is the spec's, so the library's end is
 * looked for only there: the spec's text may hold anything, `export{` included.
 */
const START = "const __redoc_definition";
/** How Redoc's standalone bundle ends: `export{RedocStandalone,hydrate,init};`. */
const EXPORTS = "export{";
/** The one global the classic library defines: an object of what the module exports. */
export const LIBRARY_GLOBAL = "Redoc";
/**
 * `import.meta` in the classic library, where it would be a syntax error: an object whose `url`
 * is the library's own, as a module's is. esbuild puts it for every use of `import.meta` in the
 * code, not in strings. Redoc uses it only where FlexSearch starts a search worker from a file,
 * in Node or where the worker's code cannot be inlined; in a browser it runs the worker from a
 * blob of that code.
 */
const IMPORT_META = "__redocImportMeta";
const IMPORT_META_DECLARATION =
  `const ${IMPORT_META} = { url: typeof document === "undefined" || !document.currentScript ` +
  "? undefined : document.currentScript.src };\n";

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
  // build-docs writes the spec's `</script>` as `\u003c/script>`: the first one closes the module.
  const close = page.indexOf(SCRIPT_CLOSE, open);
  const body = open === -1 || close === -1 ? "" : page.slice(open + MODULE_OPEN.length, close);
  const startAt = body.indexOf(START);
  const library = body.slice(0, startAt).trimEnd();
  const exportsAt = library.lastIndexOf(EXPORTS);
  const exportsEnd = library.indexOf("}", exportsAt);
  // Nothing but the semicolon may follow the exports' closing brace.
  const ended = exportsAt !== -1 && exportsEnd !== -1 && ["", ";"].includes(library.slice(exportsEnd + 1));
  if (startAt === -1 || !ended) {
    throw new Error(
      "build-docs wrote a page without Redoc's library as one inline module ending in `export{…}` " +
        `before \`${START}\`: its output changed shape, so tools/docs/redoc-script.ts must change with it`,
    );
  }
  const exports = library
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
export async function classicPage(page: RedocPage): Promise<{ html: string; library: LibraryFile }> {
  const library = named(await classicLibrary(page.library));
  // `{ b: a }` for `export{a as b}`: the global has the exported names, and the page's code,
  // written in the library's module, uses the library's own.
  const names = page.exports
    .map(({ local, exported }) => (local === exported ? local : `${exported}: ${local}`))
    .join(", ");
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
 * The module as a classic script, by esbuild: a function run once, whose exports become the one
 * global and nothing else leaks; strict, as a module is. Minified again, as the module came:
 * esbuild's unminified print of it is a tenth larger. A Redoc that needs a module's syntax
 * (top-level await) fails the build here, not the page.
 */
async function classicLibrary(module: string): Promise<string> {
  try {
    const { code } = await transform(IMPORT_META_DECLARATION + module, {
      format: "iife",
      globalName: LIBRARY_GLOBAL,
      define: { "import.meta": IMPORT_META },
      banner: '"use strict";',
      charset: "utf8",
      minify: true,
      logLevel: "silent",
    });
    return code;
  } catch (error) {
    throw new Error(
      `Redoc's library does not make a classic script (${error instanceof Error ? error.message : String(error)}): ` +
        "its bundle needs a module's syntax now, so tools/docs/redoc-script.ts must change with it",
    );
  }
}

function named(body: string): LibraryFile {
  return { name: `redoc-${createHash("sha256").update(body).digest("hex").slice(0, 12)}.js`, body };
}
