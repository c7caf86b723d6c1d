/**
 * `npm run docs`: the reference page, dist/docs/index.html, built by Redocly's build-docs with
 * Redoc inlined, beside the bundled spec as openapi.json and openapi.yaml for download.
 * The page loads nothing from anywhere: the one remote image Redoc refers to, its footer logo,
 * is replaced by an inline one.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { GENERATED_DIR, ROOT, runMain, step } from "./pipeline.ts";

export const DOCS_DIR = join(ROOT, "dist/docs");
const TITLE = "Versori Issues API";

// A plain mark in the place of the footer logo Redoc would fetch from its CDN.
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="6" fill="#8c8c8c"/></svg>',
)}`;
const REMOTE_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** Writes the page and the spec files into `dir`; `spec` is the bundled spec's JSON text. */
export async function buildDocs(dir: string, spec: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "openapi.json"), spec);
  await writeFile(join(dir, "openapi.yaml"), stringify(JSON.parse(spec), { lineWidth: 0 }));
  const page = join(dir, "index.html");
  await promisify(execFile)(
    join(ROOT, "node_modules/.bin/redocly"),
    [
      "build-docs",
      join(dir, "openapi.json"),
      "--output",
      page,
      "--inlineBundle",
      "--title",
      TITLE,
      "--template",
      join(ROOT, "scripts/docs/template.hbs"),
    ],
    { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  // build-docs drops the template's doctype; without it the page renders in quirks mode.
  const html = (await readFile(page, "utf8")).replace(REMOTE_LOGO, INLINE_LOGO);
  await writeFile(page, html.startsWith("<!DOCTYPE") ? html : `<!DOCTYPE html>\n${html}`);
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".json": "application/json",
  ".yaml": "application/yaml",
};

/**
 * Serves the files of a docs folder, flat, for `npm run dev` and the browser test. `page`
 * may rewrite index.html on its way out. Anything else, a malformed URL included, is a 404.
 */
export function serveDocs(dir: string, page: (html: string) => string = (html) => html) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const { pathname } = new URL(request.url!, "http://127.0.0.1");
      const name =
        pathname === "/" ? "index.html" : decodeURIComponent(pathname.slice(1)).replace(/\.\.|\//g, "");
      const body = await readFile(join(dir, name));
      const type = TYPES[extname(name)] ?? "application/octet-stream";
      response
        .writeHead(200, { "content-type": type })
        .end(name === "index.html" ? page(body.toString("utf8")) : body);
    } catch {
      response.writeHead(404).end();
    }
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  runMain(async () => {
    await step(
      (line) => console.log(line),
      "docs",
      async () => {
        await buildDocs(DOCS_DIR, await readFile(join(ROOT, GENERATED_DIR, "openapi.json"), "utf8"));
        return [undefined, "dist/docs/index.html, openapi.json, openapi.yaml"];
      },
    );
  });
}
