/**
 * How the docs are served, by `npm run dev` and to the browser tests: files by the last segment
 * of the URL's path, the page for the page's own routes, and a 404 for anything else.
 */
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, join } from "node:path";
import { isLibrary } from "./redoc-script.ts";

/** A file's content, or undefined when there is no such file. */
export type ReadFile = (name: string) => Promise<Buffer | string | undefined>;

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".yaml": "application/yaml",
};

/**
 * Serves the files that `read` finds. A path without a file extension is one of the page's own
 * routes, such as /issues/listissues, which a page that routes by path (Redoc's `router:
 * "history"`; ours uses the URL's hash) reloads: it gets index.html. Only the last segment of a
 * path names a file, so that the page's relative links (openapi.json) work from any route, and
 * no path can name a folder. Anything else is a 404.
 */
export function serveFiles(read: ReadFile) {
  const lookUp = async (name: string) => {
    const body = name === "" ? undefined : await read(name);
    return body === undefined ? undefined : { name, body };
  };
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const name = lastSegment(request.url ?? "/");
    const found =
      name === undefined
        ? undefined
        : ((await lookUp(name)) ?? (extname(name) === "" ? await lookUp("index.html") : undefined));
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(found.name)] ?? "application/octet-stream";
    // Redoc's library is named by its content, so it never changes under its name: a new spec
    // is fetched, and the 2.3 MB library comes from the cache.
    const caching = isLibrary(found.name) ? "public, max-age=31536000, immutable" : "no-cache";
    response.writeHead(200, { "content-type": type, "cache-control": caching }).end(found.body);
  };
}

/** Serves the files of a folder (never those of a folder inside it). */
export function serveDocs(dir: string) {
  return serveFiles((name) => readFile(join(dir, name)).catch(() => undefined));
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
