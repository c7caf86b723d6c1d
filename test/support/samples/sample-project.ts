/**
 * A consumer's project in a temp folder, for the TypeScript samples: each sample is a file of its
 * own, and the package resolves as a consumer who installed it gets it, from its built dist/
 * (node_modules/versori-issues-api is a link to this repository). openapi-fetch and @types/node
 * are links to this repository's, the versions its lockfile pins.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import { REPO_ROOT } from "../temp-repo.ts";
import { sampleFileName, sampleName } from "./names.ts";

export interface SampleProject {
  root: string;
  /** The absolute path of a sample's file; throws for a sample the project was not made with. */
  fileOf(sample: CodeSample): string;
  dispose(): Promise<void>;
}

/** What the samples are checked and run against, as `npm run build:dist` writes it. */
const BUILT_FILES = ["dist/index.js", "dist/types/src/index.d.ts", "dist/types/src/types.d.ts"];

/** One line saying to build the package when its dist/ is missing; undefined when it is there. */
export function builtPackageProblem(root = REPO_ROOT): string | undefined {
  if (BUILT_FILES.every((file) => existsSync(join(root, file)))) return undefined;
  return "dist/ is missing: run `npm run build:dist` first (CI's `npm run build` does it)";
}

/** The newest change to a file below `folder`, in ms since the epoch. */
function newestChange(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((name) => statSync(join(folder, name)))
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, entry.mtimeMs), 0);
}

/**
 * A line for a failure's message when the sources changed after dist/ was built, so that the
 * samples ran against an older package; undefined when dist/ is newer than them.
 */
export function staleBuildNote(root = REPO_ROOT): string | undefined {
  const built = statSync(join(root, BUILT_FILES[0]!), { throwIfNoEntry: false });
  if (built === undefined) return undefined;
  const sources = Math.max(newestChange(join(root, "src")), newestChange(join(root, "generated")));
  if (sources <= built.mtimeMs) return undefined;
  return "src/ or generated/ changed after dist/ was built: run `npm run build:dist` and test again";
}

const LINKED: Record<string, string> = {
  "versori-issues-api": REPO_ROOT,
  "openapi-fetch": join(REPO_ROOT, "node_modules/openapi-fetch"),
  "@types/node": join(REPO_ROOT, "node_modules/@types/node"),
};

export async function createSampleProject(samples: readonly CodeSample[]): Promise<SampleProject> {
  const files = new Map<CodeSample, string>();
  const root = await mkdtemp(join(tmpdir(), "versori-issues-api-samples-"));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    await writeFile(join(root, "package.json"), '{ "private": true, "type": "module" }\n');
    for (const [name, target] of Object.entries(LINKED)) {
      const link = join(root, "node_modules", name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(target, link, "dir");
    }
    const taken = new Set<string>();
    for (const sample of samples) {
      const name = sampleFileName(sample);
      if (taken.has(name))
        throw new Error(`two samples are ${sampleName(sample)}: a project holds one of each`);
      taken.add(name);
      files.set(sample, join(root, name));
      await writeFile(join(root, name), sample.source);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    root,
    fileOf(sample) {
      const file = files.get(sample);
      if (file === undefined) throw new Error(`${sampleName(sample)} is not in the sample project`);
      return file;
    },
    dispose,
  };
}
