/** Where things are in the repository. Every tool and command takes its paths from here. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's root folder: the nearest folder above this module with a package.json. The
 * module runs from tools/lib/, and compiled into a command under tools/.compiled/ (see
 * tools/launch/compiled.mjs).
 */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}
/** The spec, relative to the root. */
export const SPEC_FILE = "openapi/issues.yaml";
/** The spec's lint configuration, relative to the root. */
export const CONFIG_FILE = "redocly.yaml";

/** The Arazzo workflows that `npm run workflows` runs against the fake and the live API. */
export const WORKFLOWS_FILE = "openapi/workflows/issues.arazzo.yaml";
/** The pipeline's output folder, relative to the root. */
export const GENERATED_DIR = "generated";
