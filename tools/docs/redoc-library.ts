/**
 * Redoc's library as the pinned Redocly CLI ships it, for a page that renders the spec itself
 * (`npm run dev`): `build-docs` run once on a one-line spec, and the library taken from the
 * page it writes, as `npm run docs` takes it. The library is the same whatever the spec.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocs } from "./docs.ts";

export interface RedocLibrary {
  /** Its file name, `redoc-<hash>.js`, a hash of its content. */
  name: string;
  body: string;
}

const ANY_SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "Redoc", version: "0" }, paths: {} });

export async function loadRedocLibrary(): Promise<RedocLibrary> {
  const dir = await mkdtemp(join(tmpdir(), "versori-issues-redoc-"));
  try {
    const name = await buildDocs(dir, ANY_SPEC);
    return { name, body: await readFile(join(dir, name), "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
