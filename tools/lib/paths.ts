/** Where things are in the repository. Every tool and command takes its paths from here. */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
/** The spec, relative to the root. */
export const SPEC_FILE = "openapi/issues.yaml";
/** The spec's lint configuration, relative to the root. */
export const CONFIG_FILE = "redocly.yaml";

/** The Arazzo workflows that `npm run workflows` runs against the fake and the live API. */
export const WORKFLOWS_FILE = "openapi/workflows/issues.arazzo.yaml";
/** The pipeline's output folder, relative to the root. */
export const GENERATED_DIR = "generated";
