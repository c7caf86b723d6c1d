/** Reading, comparing and atomically writing the files in `generated/`. */
import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { GENERATED_DIR, SPEC_FILE } from "../lib/paths.ts";
import type { Outputs } from "./pipeline.ts";

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

/**
 * Makes `generated/` hold exactly `outputs`, or leaves it exactly as it was. The new folder is
 * written in full beside the old one, then swapped in with two renames; if the swap fails, the
 * old folder is put back. When nothing differs, nothing is touched.
 */
export async function writeOutputs(root: string, outputs: Outputs): Promise<Drift> {
  const dir = join(root, GENERATED_DIR);
  const drift = compareOutputs(outputs, await readGenerated(root), { patches: false });
  drift.executable = await executableOutputs(root, outputs.keys());
  const differing = drift.changed.length + drift.missing.length + drift.extra.length;
  if (differing + drift.executable.length === 0) return drift;

  const staging = `${dir}.${process.pid}.new`;
  const previous = `${dir}.${process.pid}.old`;
  try {
    await mkdir(staging, { recursive: true });
    for (const [name, content] of outputs) await writeFile(join(staging, name), content, { mode: 0o644 });
    const hadPrevious = await rename(dir, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    try {
      await rename(staging, dir);
    } catch (error) {
      if (hadPrevious) await rename(previous, dir);
      throw error;
    }
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return drift;
}
