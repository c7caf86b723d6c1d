/**
 * Git, as the release tools ask it things: the tag of a release, the commit that holds one, and
 * what changed in a folder since then.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { messageOf, PipelineError } from "../lib/command.ts";

/** Runs git in `root` and resolves with its trimmed output; rejects with a PipelineError naming the command. */
export async function git(root: string, ...args: string[]): Promise<string> {
  try {
    return (await promisify(execFile)("git", args, { cwd: root })).stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PipelineError([`git ${args[0]} failed: ${stderr || messageOf(error)}`]);
  }
}

/** The tag a release is published from: `v2.1.0`. */
export const tagOf = (version: string) => `v${version}`;

/** Whether the tag of `version` exists in the repository at `root` (locally: fetch tags first). */
export async function isTagged(root: string, version: string): Promise<boolean> {
  return (await git(root, "tag", "--list", tagOf(version))) !== "";
}

/**
 * The commit that holds the release `version`: its tag's, or else the last commit that wrote its
 * snapshot `file`. Undefined when there is neither, or no repository.
 */
export async function releaseCommit(
  root: string,
  version: string,
  file: string,
): Promise<string | undefined> {
  try {
    if (await isTagged(root, version)) return await git(root, "rev-list", "-n", "1", tagOf(version));
    const commit = await git(root, "log", "-1", "--format=%H", "--", file);
    return commit === "" ? undefined : commit;
  } catch {
    return undefined;
  }
}
