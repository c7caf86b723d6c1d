/**
 * Replacing files in `generated/` so that a run stopped at any instant, by an error or by
 * SIGKILL, never leaves a file half-written and never leaves no `generated/` at all.
 *
 * Swapping the whole folder takes two renames, the old one out and the new one in, and a run
 * killed between them leaves no `generated/`. Linux can exchange two folders in one call
 * (renameat2 with RENAME_EXCHANGE) and macOS in another (renamex_np), but Node reaches neither.
 * What every platform does in one step is rename a file over another. So the new files are
 * written in full to a staging folder beside `generated/`, then renamed into it one at a time.
 * Until the first rename `generated/` is the old output, after the last it is the new one, and a
 * run killed in between leaves some files new and some old: `npm run check` reports that as drift
 * and the next `npm run generate` finishes the job. A run that fails rather than dies puts back
 * what it had swapped, from copies it kept in the staging folder, so it leaves `generated/` as it
 * was; when even that fails, it says so. The next run removes what a killed one left beside
 * `generated/`.
 */
import { copyFile, link, lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { messageOf, PipelineError } from "../lib/command.ts";
import { GENERATED_DIR } from "../lib/paths.ts";

export interface WriteOptions {
  /**
   * Called, and awaited, before each change to the file system with a name for it (`swap
   * issues.ts`), and before each step that undoes one (`undo swap issues.ts`). A test stops or
   * fails the run there.
   */
  onStep?: ((step: string) => void | Promise<void>) | undefined;
}

/**
 * What a staging folder is called, for the process with id `pid`: `generated.<pid>.swap/`. Its
 * `.new` and `.old` siblings are what earlier versions of the write step left.
 */
const LEFTOVER = /^\.(\d+)\.(?:swap|new|old)$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the staging folders that stopped runs left beside `dir`. Another process's folder is
 * left alone while that process runs: it may be a `generate` under way (`npm run dev`'s, say).
 */
export async function clearLeftovers(dir: string, { onStep = () => {} }: WriteOptions = {}): Promise<void> {
  const name = basename(dir);
  for (const entry of await readdir(dirname(dir))) {
    const match = entry.startsWith(name) ? LEFTOVER.exec(entry.slice(name.length)) : null;
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isRunning(pid)) continue;
    await onStep(`clear ${entry}`);
    await rm(join(dirname(dir), entry), { recursive: true, force: true }).catch((error: unknown) => {
      throw new Error(`removing ${entry}/, which a stopped run left: ${messageOf(error)}`);
    });
  }
}

type Kind = "file" | "other" | "none";
const kindOf = (path: string): Promise<Kind> =>
  lstat(path).then(
    (stats) => (stats.isFile() ? "file" : "other"),
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "none";
      throw error;
    },
  );

/**
 * Makes the files of `dir` named in `write` hold their new text and moves out the entries named
 * in `remove` (which must be `dir`'s own entries, not ones inside them). Resolves with the
 * staging folder's name if it could not be removed afterwards (the next run removes it).
 * Rejects with a PipelineError whose one line says what state `dir` was left in.
 */
export async function swapFiles(
  dir: string,
  write: Map<string, string>,
  remove: string[],
  { onStep = () => {} }: WriteOptions = {},
): Promise<string | undefined> {
  const staging = `${dir}.${process.pid}.swap`;
  const fresh = join(staging, "new");
  const kept = join(staging, "old");
  // What puts each change back, newest last.
  const undo: Array<[string, () => Promise<unknown>]> = [];
  const act = async (step: string, change: () => Promise<unknown>, revert?: () => Promise<unknown>) => {
    try {
      await onStep(step);
      await change();
    } catch (error) {
      throw new Error(`${step}: ${messageOf(error)}`);
    }
    if (revert) undo.push([`undo ${step}`, revert]);
  };

  try {
    await act("stage", () => mkdir(kept, { recursive: true }).then(() => mkdir(fresh)));
    // The files are written to the staging folder in full before generated/ is touched.
    for (const [name, content] of write) {
      await act(`write ${name}`, () => writeFile(join(fresh, name), content, { mode: 0o644 }));
    }
    const kinds = new Map<string, Kind>();
    for (const name of write.keys()) {
      const kind = await kindOf(join(dir, name));
      kinds.set(name, kind);
      // A copy of the old file to put back; a hard link costs nothing, where links are allowed.
      const [from, to] = [join(dir, name), join(kept, name)];
      if (kind === "file") await act(`keep ${name}`, () => link(from, to).catch(() => copyFile(from, to)));
    }
    if ((await kindOf(dir)) === "none") {
      await act(
        `create ${GENERATED_DIR}/`,
        () => mkdir(dir),
        () => rmdir(dir),
      );
    }

    for (const [name, kind] of kinds) {
      const [target, old] = [join(dir, name), join(kept, name)];
      // A folder or link where the file belongs is moved aside: a file cannot be renamed over it.
      if (kind === "other")
        await act(
          `set aside ${name}`,
          () => rename(target, old),
          () => rename(old, target),
        );
      await act(
        `swap ${name}`,
        () => rename(join(fresh, name), target),
        kind === "file" ? () => rename(old, target) : () => rm(target, { force: true }),
      );
    }
    for (const name of remove) {
      const [target, old] = [join(dir, name), join(kept, name)];
      await act(
        `remove ${name}`,
        () => rename(target, old),
        () => rename(old, target),
      );
    }
  } catch (error) {
    const failed = await putBack(undo, onStep);
    const leftover = await removeStaging(staging, onStep);
    const why = messageOf(error);
    throw new PipelineError([
      failed === undefined
        ? `${GENERATED_DIR}/ was left as it was: writing failed: ${why}${leftover ? `; ${leftover}` : ""}`
        : `${GENERATED_DIR}/ is partly written: writing failed (${why}), and putting the old files back ` +
          `failed too (${failed}): run \`npm run generate\` again to finish it`,
    ]);
  }
  return removeStaging(staging, onStep);
}

/** Undoes `undo`, newest first; resolves with why that failed, or undefined when it did not. */
async function putBack(
  undo: Array<[string, () => Promise<unknown>]>,
  onStep: NonNullable<WriteOptions["onStep"]>,
): Promise<string | undefined> {
  for (const [step, revert] of undo.reverse()) {
    try {
      await onStep(step);
      await revert();
    } catch (error) {
      return `${step}: ${messageOf(error)}`;
    }
  }
  return undefined;
}

/** Removes the staging folder; resolves with a note saying so if that failed. */
async function removeStaging(
  staging: string,
  onStep: NonNullable<WriteOptions["onStep"]>,
): Promise<string | undefined> {
  try {
    await onStep("clean");
    await rm(staging, { recursive: true, force: true });
    return undefined;
  } catch (error) {
    return `${basename(staging)}/ is left beside it (${messageOf(error)}); the next run removes it`;
  }
}
