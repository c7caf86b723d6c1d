/**
 * A copy of the repository in another folder, for the tests and benchmarks that run the real
 * commands on edited files: the one list of what such a copy holds.
 */
import { copyFile, cp, link, mkdir, readdir, symlink } from "node:fs/promises";
import { join } from "node:path";

/** What a copy holds, besides the launcher's builds and a link to node_modules. */
export const COPIED = [
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

/** The launcher's builds of the commands (tools/launch/compiled.mjs). */
const COMPILED = "tools/.compiled";

/**
 * Copies the repository at `from` into the empty folder `into`, with node_modules as a link to
 * `from`'s.
 */
export async function copyRepository(from: string, into: string): Promise<void> {
  const compiled = join(from, COMPILED);
  const filter = (source: string) => source !== compiled;
  await Promise.all(
    COPIED.map((name) => cp(join(from, name), join(into, name), { recursive: true, filter })),
  );
  await linkBuilds(compiled, join(into, COMPILED));
  await symlink(join(from, "node_modules"), join(into, "node_modules"), "dir");
}

/**
 * Gives the copy the launcher's builds, so that it runs the commands without compiling them
 * again while its sources are the same: the files as hard links, which cost no copying and,
 * unlike symbolic links, keep the copy's own paths (a build finds the project's root from where
 * it is). A build is never written to once made, and the manifest is replaced by a rename, so
 * the copy's runs cannot change the original's. Source maps and unfinished compiles are left out.
 */
async function linkBuilds(from: string, into: string, depth = 0): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch(() => []);
  await mkdir(into, { recursive: true });
  // A temp folder on another file system cannot hold a link: the files are copied there.
  const linkOrCopy = (source: string, target: string) =>
    link(source, target).catch(() => copyFile(source, target));
  await Promise.all(
    entries.map((entry) => {
      const [source, target] = [join(from, entry.name), join(into, entry.name)];
      if (entry.name.startsWith(".") || entry.name.endsWith(".map")) return undefined;
      if (entry.isDirectory()) return depth === 0 ? linkBuilds(source, target, 1) : undefined;
      return entry.isFile() ? linkOrCopy(source, target) : undefined;
    }),
  );
}
