/**
 * The reference page, dist/docs/index.html, rendered on the server by the Redocly CLI's
 * `build-docs` from the page's copy of the spec (page-spec.ts), beside Redoc's library and the
 * bundled spec itself as openapi.json and openapi.yaml for download. The page loads nothing from anywhere: the one remote image Redoc refers to, its
 * footer logo, is replaced by an inline one.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { ROOT } from "../lib/paths.ts";
import { runRedoclyCli } from "../lib/redocly.ts";
import { pageSpec } from "./page-spec.ts";
import { redocOptions } from "./redoc-options.ts";
import { classicPage, isLibrary, type RedocPage, splitRedocPage } from "./redoc-script.ts";

export const DOCS_DIR = join(ROOT, "dist/docs");
/** The page's title, in `npm run docs` and `npm run dev` alike. */
export const TITLE = "Versori Issues API";
/** The page's template: the chrome around Redoc (title, description, download links). */
export const TEMPLATE = join(ROOT, "tools/docs/template.hbs");

// A plain mark in the place of the footer logo Redoc would fetch from its CDN.
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="6" fill="#8c8c8c"/></svg>',
)}`;
const REMOTE_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/**
 * Writes the page, Redoc's library and the spec files into `dir`, or, when the page cannot be
 * made, nothing; `spec` is the bundled spec's JSON text. The page and the library are classic
 * scripts, so that the folder works opened from disk as well as served. Resolves with the
 * library's file name.
 */
export async function buildDocs(dir: string, spec: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Everything that can fail comes first: a spec the page cannot be made from (an operation
  // with no example for its samples, say) leaves the folder as it was, downloads included.
  const { html, library } = await classicPage(await renderRedocPage(dir, await pageSpec(spec)));
  await writeFile(join(dir, "openapi.json"), spec);
  await writeFile(join(dir, "openapi.yaml"), stringify(JSON.parse(spec), { lineWidth: 0 }));
  // Written under another name and renamed into place, so that a server of the folder never
  // serves a half-written page; the library first: the page must never be there without it.
  await writeFile(join(dir, library.name), library.body);
  const draft = join(dir, `.index.html.${process.pid}.draft`);
  try {
    // build-docs drops the template's doctype; without it the page renders in quirks mode.
    await writeFile(draft, html.startsWith("<!DOCTYPE") ? html : `<!DOCTYPE html>\n${html}`);
    await rename(draft, join(dir, "index.html"));
  } finally {
    await rm(draft, { force: true });
  }
  await removeOtherLibraries(dir, library.name);
  return library.name;
}

/**
 * The page that the Redocly CLI's `build-docs` renders from `spec` (JSON text) with the template,
 * taken apart from Redoc's library, its footer logo inline. Its input and output are drafts in
 * `dir`, gone when it settles.
 */
export async function renderRedocPage(dir: string, spec: string): Promise<RedocPage> {
  const input = join(dir, `.page-spec.${process.pid}.json`);
  const output = join(dir, `.redoc.${process.pid}.html`);
  try {
    await writeFile(input, spec);
    await runRedoclyCli([
      "build-docs",
      input,
      "--output",
      output,
      "--inlineBundle",
      "--title",
      TITLE,
      "--template",
      TEMPLATE,
      "--openapi",
      JSON.stringify(redocOptions(JSON.parse(spec))),
    ]);
    return splitRedocPage((await readFile(output, "utf8")).replace(REMOTE_LOGO, INLINE_LOGO));
  } finally {
    await Promise.all([rm(input, { force: true }), rm(output, { force: true })]);
  }
}

/** Redoc libraries of earlier builds, which no page imports any more. */
async function removeOtherLibraries(dir: string, keep: string): Promise<void> {
  const stale = (await readdir(dir)).filter((name) => isLibrary(name) && name !== keep);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}
