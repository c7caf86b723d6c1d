/** A throwaway copy of this repository, for running the real npm scripts against edited files. */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve, sep } from "node:path";
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

/**
 * Whether a file is worth copying: of the launcher's compiled commands (tools/.compiled/), only
 * the manifest and the build it names, without source maps, so that the copy runs them without
 * compiling again and without copying every earlier build.
 */
function worthCopying(source: string, currentBuild: string | undefined): boolean {
  const inCompiled = relative(COMPILED, source);
  if (inCompiled.startsWith("..") || inCompiled === "") return true;
  const [first] = inCompiled.split(sep);
  return (first === "manifest.json" || first === currentBuild) && !source.endsWith(".map");
}

const COMPILED = join(REPO_ROOT, "tools/.compiled");

export async function createTempRepo(): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), "versori-issues-api-"));
  const build = upToDateBuild(REPO_ROOT);
  const currentBuild = build && basename(build);
  const filter = (source: string) => worthCopying(source, currentBuild);
  await Promise.all(
    COPIED.map((name) => cp(join(REPO_ROOT, name), join(root, name), { recursive: true, filter })),
  );
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
      // The copied files only: node_modules is a link to this repository's.
      await repo.git("add", ...COPIED);
      await repo.git("commit", "--quiet", "--message", "a release to install from git");
      await repo.git("tag", tag);
      return repo.git("rev-parse", "HEAD");
    },
    git: async (...args) => (await run("git", args, { cwd: root })).stdout.trim(),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  return repo;
}
