// @ts-check
/**
 * What a build of the commands is made from, as one hash: every file esbuild read, and the
 * files that decide how it reads them. Our files count by content. A library's files count by
 * size and change time: npm writes them anew when it installs them, which sets their change time
 * (unlike their modification time, which npm sets to a fixed date), and statting the few hundred
 * of them takes a fifth of the time that reading them would.
 *
 * Our imports name their files with extensions, so adding a file cannot change what one
 * resolves to; a library's resolution can change only through an install, which rewrites
 * node_modules/.package-lock.json, one of the files always hashed.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";

/** Hashed whatever esbuild reads: they decide how it reads, resolves and compiles. */
export const BUILD_SETTINGS = [
  "package.json",
  "tsconfig.json",
  "tools/launch/compiled.mjs",
  "tools/launch/source-hash.mjs",
  // It names the package that compiled.mjs builds for the types worker.
  "tools/pipeline/generator.mjs",
  "node_modules/.package-lock.json",
  "node_modules/esbuild/package.json",
];

/**
 * A file's path as a manifest keeps it: relative to the root, and a library's from its
 * `node_modules/`, so that a copy of the project whose node_modules is a link to this one's
 * names the same files.
 * @param {string} root @param {string} path an absolute path, links resolved
 */
export function sourcePath(root, path) {
  const inside = relative(root, path);
  if (!inside.startsWith("..")) return inside;
  const at = path.indexOf(`${sep}node_modules${sep}`);
  return at === -1 ? path : path.slice(at + 1);
}

/** Whether a path as a manifest keeps it is a library's. @param {string} path */
export const isInstalled = (path) => path.startsWith(`node_modules${sep}`);

/**
 * The package.json of the library that holds `path`, which esbuild's resolver reads (`exports`,
 * `main`, `sideEffects`) without loading it as a module.
 * @param {string} path as a manifest keeps it, a library's
 */
export function packageJsonOf(path) {
  const parts = path.split(sep);
  const last = parts.lastIndexOf("node_modules");
  const name = parts[last + 1]?.startsWith("@") ? 2 : 1;
  return [...parts.slice(0, last + 1 + name), "package.json"].join(sep);
}

/**
 * What stands for a file in the hash: its content, or for a library's file its size and change
 * time; "missing" when it does not exist.
 * @param {string} root @param {string} path as a manifest keeps it
 * @returns {string | Buffer}
 */
export function sourceKey(root, path) {
  try {
    if (!isInstalled(path)) return readFileSync(resolve(root, path));
    const { size, ctimeMs, mtimeMs } = statSync(resolve(root, path));
    return `${size} ${ctimeMs} ${mtimeMs}`;
  } catch {
    return "missing";
  }
}

/**
 * One hash of the files and what stands for each.
 * @param {Map<string, string | Buffer>} keys by path as a manifest keeps it
 */
export function hashOfKeys(keys) {
  const hash = createHash("sha256");
  for (const path of [...keys.keys()].sort()) {
    hash.update(path);
    hash.update("\0");
    hash.update(/** @type {string | Buffer} */ (keys.get(path)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The hash of the files as they are now.
 * @param {string} root @param {string[]} paths as a manifest keeps them
 */
export function currentHash(root, paths) {
  return hashOfKeys(new Map(paths.map((path) => [path, sourceKey(root, path)])));
}
