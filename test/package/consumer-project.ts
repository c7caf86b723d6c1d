/**
 * A consumer project in a temp folder, with the package installed by `npm ci` the way another
 * repository would get it: from a tarball or from a git URL.
 *
 * Its lockfile pins the consumer's other dependencies (openapi-fetch, @types/node and
 * what they need) to the versions this repository's lockfile pins. With a lockfile, npm needs no
 * registry metadata beyond what this repository's own `npm ci` left in the cache, so the install
 * uses that cache and downloads nothing, yet still works where the cache is empty
 * (`--prefer-offline`, never `--offline`).
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../support/temp-repo.ts";

// TypeScript itself is not among them: the tests compile with this repository's tsc, the same
// pinned version, rather than unpack it into every consumer project.
const CONSUMER_DEPENDENCIES = ["openapi-fetch", "@types/node"];

// As npm writes it; JSON leaves out the fields that are undefined.
interface LockedPackage {
  version: string;
  resolved?: string | undefined;
  integrity?: string | undefined;
  license?: string | undefined;
  dependencies?: Record<string, string> | undefined;
  bin?: Record<string, string> | undefined;
  engines?: Record<string, string> | undefined;
}

export interface ConsumerProject {
  root: string;
  dispose(): Promise<void>;
}

/**
 * Installs the package into a copy of test/package/consumers. `spec` is what a consumer would
 * write in package.json (`file:…tgz`, `git+file://…#v1.0.0`); `resolved` is what npm would
 * record for it in the lockfile (the same file, or the git URL with its commit).
 */
export async function installConsumer(spec: string, resolved: string): Promise<ConsumerProject> {
  const root = await mkdtemp(join(tmpdir(), "versori-issues-api-consumer-"));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    await cp(join(REPO_ROOT, "test/package/consumers"), root, { recursive: true });
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    const { dependencies, packages } = await pinnedDependencies(spec, resolved);
    manifest.dependencies = dependencies;
    const lock = {
      name: manifest.name,
      lockfileVersion: 3,
      requires: true,
      packages: { "": { name: manifest.name, dependencies }, ...packages },
    };
    await writeFile(join(root, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(root, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
    await promisify(execFile)("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { root, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * The consumer's dependencies, and its lockfile's entries for them and all they need: the
 * package as `spec`, the others at the versions this repository's lockfile pins.
 */
async function pinnedDependencies(spec: string, resolved: string) {
  const ours = JSON.parse(await readFile(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockedPackage>;
  };
  const self = ours.packages[""]!;
  const dependencies: Record<string, string> = { "versori-issues-api": spec };
  const manifest = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
  const packages: Record<string, LockedPackage> = {
    // As npm would record it: with its commands, which npm ci links from the lockfile alone.
    "node_modules/versori-issues-api": {
      version: manifest.version,
      resolved,
      dependencies: self.dependencies,
      bin: manifest.bin,
    },
  };
  const pin = (name: string) => {
    const key = `node_modules/${name}`;
    if (packages[key]) return;
    // With its `resolved` URL, as our own install fetched it: npm then takes the tarball from the
    // cache without asking the registry for the package's metadata.
    const { version, resolved, integrity, license, dependencies: needs, bin, engines } = ours.packages[key]!;
    packages[key] = { version, resolved, integrity, license, dependencies: needs, bin, engines };
    for (const need of Object.keys(needs ?? {})) pin(need);
  };
  for (const name of CONSUMER_DEPENDENCIES) {
    dependencies[name] = ours.packages[`node_modules/${name}`]!.version;
    pin(name);
  }
  for (const name of Object.keys(self.dependencies ?? {})) pin(name);
  return { dependencies, packages };
}
