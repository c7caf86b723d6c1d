/**
 * Redoc's library as the pinned Redocly CLI ships it, for a page that renders the spec itself
 * (`npm run dev`): `build-docs` run once on a one-line spec, and the library taken from the
 * page it writes, as `npm run docs` takes it. The library is the same whatever the spec. It is
 * the ES module build-docs writes, which the dev page, served over http, imports; the built page
 * loads a classic form of it instead (redoc-script.ts), which also works from disk.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderRedocPage } from "./docs.ts";
import { type LibraryFile, moduleLibrary } from "./redoc-script.ts";

/** Its file name, `redoc-<hash>.js`, is a hash of its content. */
export type RedocLibrary = LibraryFile;

const ANY_SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "Redoc", version: "0" }, paths: {} });

export async function loadRedocLibrary(): Promise<RedocLibrary> {
  const dir = await mkdtemp(join(tmpdir(), "versori-issues-redoc-"));
  try {
    return moduleLibrary(await renderRedocPage(dir, ANY_SPEC));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
