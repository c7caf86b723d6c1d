/** Reading, comparing and atomically writing the files in `generated/`. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { GENERATED_DIR, type Outputs } from "./pipeline.ts";

/** Every file under `generated/`, keyed by its path inside it. An absent folder is empty. */
export async function readGenerated(root: string): Promise<Outputs> {
  const dir = join(root, GENERATED_DIR);
  const files: Outputs = new Map();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return files;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, "utf8"));
  }
  return files;
}

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
  /** A unified diff per differing file, from the committed copy to what the spec produces. */
  patches: string[];
}

/** Compares what the spec produces with what is committed. */
export function compareOutputs(expected: Outputs, actual: Outputs): Drift {
  const drift: Drift = { changed: [], missing: [], extra: [], patches: [] };
  const patch = (name: string, before: string, after: string, from: string, to: string) =>
    drift.patches.push(
      createTwoFilesPatch(from, to, before, after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      }),
    );
  for (const [name, content] of expected) {
    const committed = actual.get(name);
    const path = `${GENERATED_DIR}/${name}`;
    if (committed === undefined) {
      drift.missing.push(name);
      patch(name, "", content, "/dev/null", `b/${path}`);
    } else if (committed !== content) {
      drift.changed.push(name);
      patch(name, committed, content, `a/${path}`, `b/${path}`);
    }
  }
  for (const [name, content] of actual) {
    if (expected.has(name)) continue;
    drift.extra.push(name);
    patch(name, content, "", `a/${GENERATED_DIR}/${name}`, "/dev/null");
  }
  return drift;
}

/**
 * Makes `generated/` hold exactly `outputs`. Changed files are first written beside their
 * targets and only then renamed over them, so a failure part-way leaves every file as it was.
 * Unchanged files are not touched, which keeps their timestamps for watchers.
 */
export async function writeOutputs(
  root: string,
  outputs: Outputs,
): Promise<{ written: string[]; removed: string[] }> {
  const dir = join(root, GENERATED_DIR);
  const drift = compareOutputs(outputs, await readGenerated(root));
  const written = [...drift.changed, ...drift.missing];
  const staged: Array<[temp: string, target: string]> = [];
  try {
    for (const name of written) {
      const target = join(dir, name);
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      await mkdir(dir, { recursive: true });
      await writeFile(temp, outputs.get(name)!);
      staged.push([temp, target]);
    }
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  for (const [temp, target] of staged) await rename(temp, target);
  for (const name of drift.extra) await rm(join(dir, name));
  return { written, removed: drift.extra };
}
