/**
 * package-lock.json held to what a lockfile linter checks: every package comes from the npm
 * registry over https, at the tarball of its own name and version, pinned by a sha512 hash, so
 * an edited lockfile cannot point `npm ci` at another host, at another package or at a tarball
 * nobody hashed. And every dependency with an install script has a reviewed entry in
 * package.json's `allowScripts`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.ts";

interface LockedPackage {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  hasInstallScript?: boolean;
}

type Packages = Record<string, LockedPackage>;

const REGISTRY = "https://registry.npmjs.org/";

/** Each installed package, by its folder under node_modules: the root and workspace links aside. */
const installed = (packages: Packages) =>
  Object.entries(packages).filter(([path, entry]) => path !== "" && !entry.link);

/** The package's own name: an alias's `name`, or else the folder after the last node_modules/. */
const nameOf = (path: string, entry: LockedPackage) =>
  entry.name ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);

/** One line per package not at `https://registry.npmjs.org/<name>/-/<base>-<version>.tgz`. */
function unresolved(packages: Packages): string[] {
  return installed(packages)
    .filter(([path, entry]) => {
      const name = nameOf(path, entry);
      return entry.resolved !== `${REGISTRY}${name}/-/${name.split("/").at(-1)}-${entry.version}.tgz`;
    })
    .map(([path, entry]) => `${path}: resolved ${entry.resolved ?? "missing"}`);
}

/** One line per package with no sha512 integrity (sha1 alone can be forged). */
function unhashed(packages: Packages): string[] {
  return installed(packages)
    .filter(([, entry]) => !/^sha512-[A-Za-z0-9+/]{86}==$/.test(entry.integrity ?? ""))
    .map(([path, entry]) => `${path}: integrity ${entry.integrity ?? "missing"}`);
}

/** The packages with an install script that `allowScripts` neither allows nor denies. */
function unreviewedScripts(packages: Packages, allowScripts: Record<string, boolean> = {}): string[] {
  // A key is `name`, `name@1.2.3` or `name@1.2.3 || 1.2.4`; a scope's @ is the first character.
  const reviewed = new Set(Object.keys(allowScripts).map((key) => key.replace(/(.)@.*$/, "$1")));
  return installed(packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([path, entry]) => nameOf(path, entry))
    .filter((name) => !reviewed.has(name));
}

describe("package-lock.json", async () => {
  const lockfile = JSON.parse(await readFile(join(REPO_ROOT, "package-lock.json"), "utf8"));
  const manifest = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));

  it("is a version 3 lockfile with packages in it", () => {
    expect(lockfile.lockfileVersion).toBe(3);
    expect(installed(lockfile.packages).length).toBeGreaterThan(100);
  });

  it("resolves every package from the npm registry over https, at the tarball of its name and version", () => {
    expect(unresolved(lockfile.packages)).toEqual([]);
  });

  it("pins every package by a sha512 integrity hash", () => {
    expect(unhashed(lockfile.packages)).toEqual([]);
  });

  it("lists every package with an install script in package.json's allowScripts", () => {
    expect(unreviewedScripts(lockfile.packages, manifest.allowScripts)).toEqual([]);
  });
});

describe("the lockfile rules", () => {
  const hash = `sha512-${"A".repeat(86)}==`;
  const at = (resolved: string, extra: LockedPackage = {}) => ({
    version: "1.0.0",
    resolved,
    integrity: hash,
    ...extra,
  });

  it("flag plain http, another host, another package's tarball and a missing resolved", () => {
    const packages: Packages = {
      "": { name: "root" },
      "node_modules/local": { resolved: "packages/local", link: true },
      "node_modules/a": at(`${REGISTRY}a/-/a-1.0.0.tgz`),
      "node_modules/@s/b": at(`${REGISTRY}@s/b/-/b-1.0.0.tgz`),
      "node_modules/c": at(`${REGISTRY}d/-/d-1.0.0.tgz`, { name: "d" }),
      "node_modules/e": at("http://registry.npmjs.org/e/-/e-1.0.0.tgz"),
      "node_modules/a/node_modules/f": at("https://registry.example/f/-/f-1.0.0.tgz"),
      "node_modules/g": at(`${REGISTRY}h/-/h-1.0.0.tgz`),
      "node_modules/i": { version: "1.0.0", integrity: hash },
    };
    expect(unresolved(packages)).toEqual([
      "node_modules/e: resolved http://registry.npmjs.org/e/-/e-1.0.0.tgz",
      "node_modules/a/node_modules/f: resolved https://registry.example/f/-/f-1.0.0.tgz",
      `node_modules/g: resolved ${REGISTRY}h/-/h-1.0.0.tgz`,
      "node_modules/i: resolved missing",
    ]);
  });

  it("flag a sha1 hash and a missing one", () => {
    const url = `${REGISTRY}a/-/a-1.0.0.tgz`;
    const packages: Packages = {
      "node_modules/a": at(url),
      "node_modules/b": at(url, { integrity: "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=" }),
      "node_modules/c": { version: "1.0.0", resolved: url },
    };
    expect(unhashed(packages)).toEqual([
      "node_modules/b: integrity sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
      "node_modules/c: integrity missing",
    ]);
  });

  it("take a name, a pinned version or a denial in allowScripts as reviewed", () => {
    const packages: Packages = {
      "node_modules/a": { hasInstallScript: true },
      "node_modules/@s/b": { hasInstallScript: true },
      "node_modules/c": { hasInstallScript: true },
      "node_modules/d": { hasInstallScript: true },
      "node_modules/e": {},
    };
    expect(unreviewedScripts(packages, { a: true, "@s/b@1.2.3 || 1.2.4": true, c: false })).toEqual(["d"]);
  });
});
