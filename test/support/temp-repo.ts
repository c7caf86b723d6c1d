/** A throwaway copy of this repository, for running the real npm scripts against edited files. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { COPIED, copyRepository } from "../../tools/lib/temp-copy.ts";
import { type RunResult, runCommand } from "./run.ts";

const run = promisify(execFile);
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

export interface TempRepo {
  root: string;
  read(path: string): Promise<string>;
  write(path: string, content: string): Promise<void>;
  /** Replaces the first occurrence of `from` in a file, failing if it is not there. */
  edit(path: string, from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Runs `npm run <script> -- <args>` and resolves with its exit code and output, whatever the code. */
  npm(script: string, ...args: string[]): Promise<RunResult>;
  /** Makes the copy a git repository with one commit, tagged `tag`; resolves with the commit. */
  commitAll(tag: string): Promise<string>;
  /** Runs git in the copy (once commitAll made it a repository); resolves with its trimmed output. */
  git(...args: string[]): Promise<string>;
  dispose(): Promise<void>;
}

export async function createTempRepo(): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), "versori-issues-api-"));
  await copyRepository(REPO_ROOT, root);

  const repo: TempRepo = {
    root,
    read: (path) => readFile(join(root, path), "utf8"),
    write: (path, content) => writeFile(join(root, path), content),
    async edit(path, from, to) {
      const text = await repo.read(path);
      if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
      await repo.write(path, text.replace(from, to));
    },
    remove: (path) => rm(join(root, path)),
    npm: (script, ...args) =>
      runCommand("npm", ["run", "--silent", script, ...(args.length > 0 ? ["--", ...args] : [])], {
        cwd: root,
        env: { DEBUG: "" },
      }),
    async commitAll(tag) {
      await repo.git("init", "--quiet");
      // An identity of the copy's own, for the commits and tags the tests and scripts make.
      await repo.git("config", "user.name", "versori-issues-api tests");
      await repo.git("config", "user.email", "tests@invalid");
      // The copied files only, less any a test removed: node_modules is a link to this repository's.
      await repo.git("add", ...COPIED.filter((name) => existsSync(join(root, name))));
      await repo.git("commit", "--quiet", "--message", "a release to install from git");
      await repo.git("tag", tag);
      return repo.git("rev-parse", "HEAD");
    },
    git: async (...args) => (await run("git", args, { cwd: root })).stdout.trim(),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  return repo;
}
