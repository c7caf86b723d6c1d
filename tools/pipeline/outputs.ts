/** Reading, comparing and writing the files in `generated/`. */
import type { Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { messageOf, PipelineError } from "../lib/command.ts";
import { GENERATED_DIR, SPEC_FILE } from "../lib/paths.ts";
import type { Outputs } from "./pipeline.ts";
import { clearLeftovers, swapFiles, type WriteOptions } from "./swap.ts";

export type { WriteOptions } from "./swap.ts";

/**
 * Everything under `generated/`, keyed by its path inside it: a file's text, or null for
 * anything that is not a regular file (a folder, a symlink). An absent folder is empty.
 */
export async function readGenerated(root: string): Promise<Map<string, string | null>> {
  const dir = join(root, GENERATED_DIR);
  const found = new Map<string, string | null>();
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return found;
    throw error;
  }
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    found.set(path.slice(dir.length + 1), entry.isFile() ? await readFile(path, "utf8") : null);
  }
  return found;
}

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
  /** Files whose mode git would record as executable (100755): nothing generated is a program. */
  executable: string[];
  /**
   * A unified diff per differing file, from the committed copy to what the spec produces; empty
   * when compared without them.
   */
  patches: string[];
}

/**
 * Compares what the spec produces with what is in `generated/`, as strings. With `patches`,
 * it also computes a unified diff per differing file, for people to read: on a large spec that
 * costs seconds, so the write step, which only needs to know what differs, leaves them out.
 */
export function compareOutputs(
  expected: Outputs,
  actual: Map<string, string | null>,
  { patches = true } = {},
): Drift {
  const drift: Drift = { changed: [], missing: [], extra: [], executable: [], patches: [] };
  const patch = (before: string | null, after: string, from: string, to: string) => {
    if (!patches) return;
    const unreadable = before === null ? "not a regular file" : undefined;
    drift.patches.push(
      createTwoFilesPatch(from, to, before ?? "", after, unreadable, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      }),
    );
  };
  for (const [name, content] of expected) {
    const path = `${GENERATED_DIR}/${name}`;
    if (!actual.has(name)) {
      drift.missing.push(name);
      patch("", content, "/dev/null", `b/${path}`);
    } else if (actual.get(name) !== content) {
      drift.changed.push(name);
      patch(actual.get(name)!, content, `a/${path}`, `b/${path}`);
    }
  }
  for (const [name, content] of actual) {
    if (expected.has(name)) continue;
    drift.extra.push(name);
    if (content !== null) patch(content, "", `a/${GENERATED_DIR}/${name}`, "/dev/null");
  }
  return drift;
}

/** The generated files with an executable bit, which git records as a mode change. */
export async function executableOutputs(root: string, names: Iterable<string>): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const mode = await stat(join(root, GENERATED_DIR, name)).then(
      (stats) => (stats.isFile() ? stats.mode : 0),
      () => 0,
    );
    if (mode & 0o111) found.push(name);
  }
  return found;
}

/** `npm run check`'s report of a drift, one line each: what differs, and what to do about it. */
export function driftSummary(drift: Drift): string[] {
  return [
    `${GENERATED_DIR}/ does not match ${SPEC_FILE}:`,
    ...drift.changed.map((name) => `  changed: ${GENERATED_DIR}/${name}`),
    ...drift.missing.map((name) => `  missing: ${GENERATED_DIR}/${name}`),
    ...drift.extra.map((name) => `  extra:   ${GENERATED_DIR}/${name} (the pipeline does not produce it)`),
    ...drift.executable.map(
      (name) => `  mode:    ${GENERATED_DIR}/${name} is executable; generated files are 644`,
    ),
    "run `npm run generate`, then commit the result",
  ];
}

/** What writing `generated/` did: what differed, and what it could not tidy up. */
export interface Written extends Drift {
  /** A note that the staging folder beside `generated/` could not be removed (the next run does). */
  leftover?: string | undefined;
}

/**
 * Makes `generated/` hold exactly `outputs`. It first removes what stopped runs left beside it,
 * then replaces only the files that differ, one atomic rename each (`swap.ts` says why not the
 * whole folder). When nothing differs, `generated/` is not touched.
 */
export async function writeOutputs(
  root: string,
  outputs: Outputs,
  options: WriteOptions = {},
): Promise<Written> {
  const dir = join(root, GENERATED_DIR);
  const before = await readGenerated(root).catch((error: unknown) => {
    throw new PipelineError([`${GENERATED_DIR}/ was left as it was: reading it failed: ${messageOf(error)}`]);
  });
  const drift = compareOutputs(outputs, before, { patches: false });
  drift.executable = await executableOutputs(root, outputs.keys());
  await clearLeftovers(dir, options).catch((error: unknown) => {
    throw new PipelineError([`${GENERATED_DIR}/ was left as it was: ${messageOf(error)}`]);
  });
  // A file whose only change was its mode is written again too.
  const rewrite = new Set([...drift.changed, ...drift.missing, ...drift.executable]);
  // An entry inside a folder that goes goes with it.
  const remove = drift.extra.filter((name) => !name.includes("/"));
  if (rewrite.size + remove.length === 0) return drift;
  const write = new Map([...rewrite].map((name) => [name, outputs.get(name)!]));
  const leftover = await swapFiles(dir, write, remove, options);
  return leftover ? { ...drift, leftover } : drift;
}
