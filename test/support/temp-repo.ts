/** A throwaway copy of this repository, for running the real npm scripts against edited files. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import {
  copyFile,
  cp,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { upToDateBuild } from "../../tools/launch/compiled.mjs";
import { type RunResult, runCommand } from "./run.ts";
import { promisify } from "node:util";

const run = promisify(execFile);
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const COPIED = [
  "openapi",
  "scripts",
  "tools",
  "generated",
  "src",
  "examples",
  "redocly.yaml",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "package-lock.json",
  "CHANGELOG.md",
  "README.md",
  "LICENSE",
  ".gitignore",
];

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

const COMPILED = "tools/.compiled";

/**
 * Gives the copy the launcher's current build of the commands (tools/.compiled/), so that it runs
 * them without compiling again: the manifest, and the build's files as hard links, which cost no
 * copying and, unlike symbolic links, keep the copy's own paths (the build finds the project's
 * root from where it is). Earlier builds and source maps are left out.
 */
async function linkCurrentBuild(root: string): Promise<void> {
  const build = upToDateBuild(REPO_ROOT);
  if (!build) return;
  const target = join(root, COMPILED, basename(build));
  await mkdir(target, { recursive: true });
  await cp(join(REPO_ROOT, COMPILED, "manifest.json"), join(root, COMPILED, "manifest.json"));
  const files = (await readdir(build)).filter((name) => !name.endsWith(".map"));
  // A temp folder on another file system cannot hold a link: the files are copied there.
  const linkOrCopy = (from: string, to: string) => link(from, to).catch(() => copyFile(from, to));
  await Promise.all(files.map((name) => linkOrCopy(join(build, name), join(target, name))));
}

export async function createTempRepo(): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), "versori-issues-api-"));
  const compiled = join(REPO_ROOT, COMPILED);
  const filter = (source: string) => source !== compiled;
  await Promise.all(
    COPIED.map((name) => cp(join(REPO_ROOT, name), join(root, name), { recursive: true, filter })),
  );
  await linkCurrentBuild(root);
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");

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
