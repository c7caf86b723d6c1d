/**
 * The reference page, dist/docs/index.html, built by Redocly's build-docs with Redoc inlined,
 * beside the bundled spec as openapi.json and openapi.yaml for download; and the server that
 * `npm run dev` and the browser tests show it with.
 * The page loads nothing from anywhere: the one remote image Redoc refers to, its footer logo,
 * is replaced by an inline one.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, join } from "node:path";
import { stringify } from "yaml";
import { ROOT } from "../lib/paths.ts";
import { runRedoclyCli } from "../lib/redocly.ts";
import { splitRedocScript } from "./redoc-script.ts";
import type { DocsRenderer } from "./render.ts";

export const DOCS_DIR = join(ROOT, "dist/docs");
const TITLE = "Versori Issues API";

// A plain mark in the place of the footer logo Redoc would fetch from its CDN.
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="6" fill="#8c8c8c"/></svg>',
)}`;
const REMOTE_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/**
 * Writes the page, Redoc's library and the spec files into `dir`; `spec` is the bundled spec's
 * JSON text. The page is rendered by `render` (in this process) when given, or else by starting
 * the Redocly CLI. Resolves with the library's file name.
 */
export async function buildDocs(dir: string, spec: string, render?: DocsRenderer): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "openapi.json"), spec);
  await writeFile(join(dir, "openapi.yaml"), stringify(JSON.parse(spec), { lineWidth: 0 }));
  // Built under another name and renamed into place, so that `npm run dev` never serves a
  // half-written page to a browser that reloads while the next edit rebuilds it.
  const draft = join(dir, `.index.html.${process.pid}.draft`);
  try {
    const api = join(dir, "openapi.json");
    const template = join(ROOT, "tools/docs/template.hbs");
    if (render) await render({ api, output: draft, title: TITLE, template });
    else {
      await runRedoclyCli([
        "build-docs",
        api,
        "--output",
        draft,
        "--inlineBundle",
        "--title",
        TITLE,
        "--template",
        template,
      ]);
    }
    // build-docs drops the template's doctype; without it the page renders in quirks mode.
    const built = (await readFile(draft, "utf8")).replace(REMOTE_LOGO, INLINE_LOGO);
    const { html, script } = splitRedocScript(built);
    // The library first: the page that imports it must never be there without it.
    await writeFile(join(dir, script.name), script.body);
    await writeFile(draft, html.startsWith("<!DOCTYPE") ? html : `<!DOCTYPE html>\n${html}`);
    await rename(draft, join(dir, "index.html"));
    await removeOtherLibraries(dir, script.name);
    return script.name;
  } finally {
    await rm(draft, { force: true });
  }
}

/** Whether a file in the docs folder is a Redoc library, named by its content's hash. */
const isLibrary = (name: string) => /^redoc-[0-9a-f]+\.js$/.test(name);

/** Redoc libraries of earlier builds, which no page imports any more. */
async function removeOtherLibraries(dir: string, keep: string): Promise<void> {
  const stale = (await readdir(dir)).filter((name) => isLibrary(name) && name !== keep);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".yaml": "application/yaml",
};

/**
 * Serves a docs folder, for `npm run dev` and the browser tests. A path without a file
 * extension is one of the page's own routes, such as /issues/listissues, which a page that
 * routes by path (Redoc's `router: "history"`; ours uses the URL's hash) reloads: it gets
 * index.html, which `page` may rewrite on its way out. Only the last segment of a path names a
 * file, so that the page's relative links (openapi.json) work from any route, and no path can
 * reach outside the folder. Anything else is a 404.
 */
export function serveDocs(dir: string, page: (html: string) => string = (html) => html) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const name = lastSegment(request.url ?? "/");
    const found =
      name === undefined ? undefined : ((await readIn(dir, name)) ?? (await pageRoute(dir, name)));
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(found.name)] ?? "application/octet-stream";
    // Redoc's library is named by its content, so it never changes under its name: a reload
    // after a save fetches the new page and keeps the 2.3 MB library from the cache.
    const caching = isLibrary(found.name) ? "public, max-age=31536000, immutable" : "no-cache";
    response
      .writeHead(200, { "content-type": type, "cache-control": caching })
      .end(found.name === "index.html" ? page(found.body.toString("utf8")) : found.body);
  };
}

/** The decoded last segment of a URL's path ("" for "/"), or undefined when it cannot name a file. */
function lastSegment(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://127.0.0.1").pathname);
  } catch {
    return undefined;
  }
  // "%2F.." decodes to a ".." that URL parsing has not already resolved.
  const name = basename(path);
  return name === "." || name === ".." ? undefined : name;
}

/** The file `name` in `dir`, or undefined when there is no such file. */
async function readIn(dir: string, name: string): Promise<{ name: string; body: Buffer } | undefined> {
  if (name === "") return undefined;
  try {
    return { name, body: await readFile(join(dir, name)) };
  } catch {
    return undefined;
  }
}

/** index.html for one of the page's own routes: a name with no file extension. */
function pageRoute(dir: string, name: string) {
  return extname(name) === "" ? readIn(dir, "index.html") : undefined;
}
