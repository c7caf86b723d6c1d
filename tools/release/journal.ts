/**
 * The record that makes a release all or nothing, even when its process is killed: before it
 * changes anything, a release writes `.release-in-progress.json` with what every file it will
 * touch held (or that it did not exist) and what `generated/` held, and removes it once it is
 * done. While it exists, `release`, `release -- --tag` and `check:breaking` refuse in one line
 * that names `npm run release -- --abort`, which puts every file back from it.
 *
 * Every file is written whole or not at all: to a `.release-tmp` file beside it, then renamed
 * over it. A release killed mid-write leaves the old file and a temp file, which the abort removes.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { messageOf, PipelineError } from "../lib/command.ts";
import { GENERATED_DIR, ROOT } from "../lib/paths.ts";
import { readGenerated, type WriteOptions, writeOutputs } from "../pipeline/outputs.ts";

export const JOURNAL = ".release-in-progress.json";
export const ABORT = "npm run release -- --abort";
const TEMP = ".release-tmp";

export interface Journal {
  /** The version the release was making. */
  version: string;
  /** Each file the release may write, relative to the root: its text before, or null if absent. */
  files: Record<string, string | null>;
  /** The regular files in generated/ before, by name. */
  generated: Record<string, string>;
}

/** Reads `file` under `root`; null when there is none. */
export async function readIfPresent(root: string, file: string): Promise<string | null> {
  try {
    return await readFile(join(root, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new PipelineError([`${file}: cannot be read: ${messageOf(error)}`]);
  }
}

/** Replaces `file` under `root` with `content` in one rename, so that it is never half-written. */
export async function writeWhole(root: string, file: string, content: string): Promise<void> {
  const path = join(root, file);
  await writeFile(path + TEMP, content);
  await rename(path + TEMP, path);
}

/** What a release stopped part way said it was making, or undefined when none was. */
export async function readJournal(root = ROOT): Promise<Journal | undefined> {
  const text = await readIfPresent(root, JOURNAL);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Journal;
  } catch {
    // Written whole by a rename, so not JSON means someone edited it: a release is still unfinished.
    throw new PipelineError([
      `${JOURNAL} is not JSON: restore the files a release changed with git, then delete it`,
    ]);
  }
}

/** The one line that says a release was stopped and how to undo it. */
export const unfinished = (journal: Journal) =>
  `a release of ${journal.version} was stopped part way (${JOURNAL} records it): ` +
  `run \`${ABORT}\` to put back every file it changed`;

/** Rejects, in one line, when a release was stopped part way. */
export async function refuseUnfinishedRelease(root = ROOT): Promise<void> {
  const journal = await readJournal(root);
  if (journal) throw new PipelineError([unfinished(journal)]);
}

export async function startJournal(root: string, journal: Journal): Promise<void> {
  await writeWhole(root, JOURNAL, JSON.stringify(journal));
}

export async function endJournal(root: string): Promise<void> {
  await rm(join(root, JOURNAL), { force: true });
}

/** What generated/ holds now, as a journal records it. */
export async function generatedNow(root: string): Promise<Journal["generated"]> {
  const found = await readGenerated(root);
  return Object.fromEntries([...found].filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * Puts back every file `journal` records, and generated/, then removes the journal: last, so
 * that an undo stopped part way can be run again.
 */
export async function undo(root: string, journal: Journal, options: WriteOptions = {}): Promise<void> {
  for (const [file, content] of Object.entries(journal.files)) {
    if (content === null) await rm(join(root, file), { force: true });
    else if ((await readIfPresent(root, file)) !== content) await writeWhole(root, file, content);
    await rm(join(root, file + TEMP), { force: true });
  }
  await writeOutputs(root, new Map(Object.entries(journal.generated)), options);
  await rm(join(root, JOURNAL + TEMP), { force: true });
  await endJournal(root);
}

/** `npm run release -- --abort`: undoes a release that was stopped part way. */
export async function abortRelease(root = ROOT): Promise<string> {
  const journal = await readJournal(root);
  if (!journal) return "no release was stopped part way: there is nothing to undo";
  await undo(root, journal);
  const files = Object.entries(journal.files);
  const kept = [
    ...files.filter(([, content]) => content !== null).map(([file]) => file),
    `${GENERATED_DIR}/`,
  ];
  const absent = files.filter(([, content]) => content === null).map(([file]) => file);
  return (
    `undid the release of ${journal.version}: ${kept.join(", ")} are as they were` +
    (absent.length > 0 ? `, and there is no ${absent.join(" or ")}` : "")
  );
}
