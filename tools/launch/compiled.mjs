// @ts-check
/**
 * The commands in scripts/, compiled by esbuild into plain JavaScript with the libraries they
 * use, so that they start without a TypeScript loader's hooks and without resolving several
 * hundred modules one by one: `npm run check` on the real spec starts in about half the time.
 *
 * A build lives in `tools/.compiled/<hash>/`, named by the hash of what went into it
 * (source-hash.mjs), and the manifest lists those files. Each run hashes them as they are now (a
 * few milliseconds) and runs the build of that name, compiling one first when there is none: an
 * edit, a `git pull` or an `npm ci` never runs stale code, and undoing an edit finds its build
 * again. A copy of the project that copies tools/ reuses the builds when its sources are the
 * same.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, utimesSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";
import { GENERATOR_PACKAGE } from "../pipeline/generator.mjs";
import {
  BUILD_SETTINGS,
  currentHash,
  hashOfKeys,
  isInstalled,
  packageJsonOf,
  sourceKey,
  sourcePath,
} from "./source-hash.mjs";

/**
 * Every command, by the name run.mjs takes, compiled together: they share most of their code,
 * so esbuild splits it out once.
 */
export const COMMAND_SCRIPTS = {
  check: "scripts/check.ts",
  checks: "scripts/checks.ts",
  generate: "scripts/generate.ts",
  release: "scripts/release.ts",
  "check-breaking": "scripts/check-breaking.ts",
  "check-upstream": "scripts/check-upstream.ts",
  build: "scripts/build.ts",
  docs: "scripts/docs.ts",
  dev: "scripts/dev.ts",
  workflows: "scripts/workflows.ts",
  "test-matrix": "scripts/test-matrix.ts",
  "bench-pipeline": "scripts/bench-pipeline.ts",
  "bench-client": "scripts/bench-client.ts",
  "bench-watch": "scripts/bench-watch.ts",
  example: "examples/quickstart.ts",
};

/**
 * Left to Node: `typescript` is 9 MB of CommonJS that only the types worker loads; esbuild,
 * Playwright and Chromium find files of their own (a binary, a browser) beside their modules.
 */
const EXTERNAL_PACKAGES = ["typescript", "esbuild", "playwright-core", "@sparticuz/chromium"];
/** From a build's folder back to the project's root. */
const TO_ROOT = "../../..";
const COMPILED_DIR = "tools/.compiled";
const MANIFEST = "manifest.json";
/** The types generator's library (GENERATOR_PACKAGE), as one file in a build's folder. */
export const GENERATOR_LIBRARY = "generator-library.cjs";
/**
 * A build that no run has used for this long is removed when another is made. Each run marks the
 * build it uses, so none is removed under a running command that may still load a chunk from it.
 */
const KEEP_UNUSED_MS = 10 * 60_000;

/** @typedef {{ files: string[] }} Manifest */

/**
 * The folder of the build made from the sources as they are now, or undefined when there is none.
 * @param {string} root the project's root folder
 */
export function upToDateBuild(root) {
  const manifest = readManifest(root);
  if (!manifest) return undefined;
  const folder = join(root, COMPILED_DIR, currentHash(root, manifest.files));
  if (!existsSync(folder)) return undefined;
  markUsed(folder);
  return folder;
}

/** @param {string} folder */
function markUsed(folder) {
  const now = new Date();
  utimesSync(folder, now, now);
}

/** @param {string} root @returns {Manifest | undefined} */
function readManifest(root) {
  try {
    return JSON.parse(readFileSync(join(root, COMPILED_DIR, MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
}

/** @param {string} path */
function loaderFor(path) {
  const extension = extname(path);
  if (extension === ".ts" || extension === ".mts") return "ts";
  if (extension === ".json") return "json";
  return "js";
}

/**
 * Compiles every command, and the types generator's library, into a new folder named
 * by the hash of what was read, then points the manifest at it; resolves with the folder. Two
 * runs that compile at once both finish: whichever folder lands first is kept, and both hold the
 * same code.
 * @param {string} root the project's root folder
 * @returns {Promise<string>}
 */
export async function compileCommands(root) {
  const { build } = await import("esbuild");
  const compiledDir = join(root, COMPILED_DIR);
  const scratch = join(compiledDir, `.build-${randomUUID()}`);
  /**
   * What stands for each file in the hash, taken as esbuild reads the file: the hash covers what
   * was compiled even when a file changes meanwhile. A library's key is taken before its content,
   * so a change in between means a compile next time, never a stale build.
   * @type {Map<string, string | Buffer>}
   */
  const keys = new Map(BUILD_SETTINGS.map((path) => [path, sourceKey(root, path)]));
  /** @type {import("esbuild").Plugin} */
  const readFiles = {
    name: "read-files",
    setup(compiler) {
      compiler.onLoad({ filter: /.*/ }, async (args) => {
        const path = sourcePath(root, args.path);
        const installed = isInstalled(path);
        if (installed) {
          keys.set(path, sourceKey(root, path));
          const packageJson = packageJsonOf(path);
          if (!keys.has(packageJson)) keys.set(packageJson, sourceKey(root, packageJson));
        }
        const contents = await readFile(args.path);
        const loader = loaderFor(args.path);
        if (installed) return { contents, loader };
        keys.set(path, contents);
        if (loader !== "ts") return { contents, loader };
        // Each of our modules keeps its own `import.meta.url`, so that a file it finds beside
        // itself (`new URL("./live-docs.client.js", import.meta.url)`) is found from the build
        // as from the source. Relative to the build's folder, as the build is linked into copies.
        const own = `new URL(${JSON.stringify(`${TO_ROOT}/${path.split(sep).join("/")}`)}, import.meta.url).href`;
        return { contents: contents.toString("utf8").replaceAll("import.meta.url", own), loader };
      });
    },
  };
  /** Whether esbuild is resolving from inside a library. @param {string} folder */
  const inLibrary = (folder) => isInstalled(sourcePath(root, folder));
  try {
    await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(
        Object.entries(COMMAND_SCRIPTS).map(([name, script]) => [name, join(root, script)]),
      ),
      outdir: scratch,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      // package.json's engines: Node 20.19 takes the import attributes (`with { type: "json" }`)
      // that the JSON files left to it need.
      target: "node20.19",
      sourcemap: "linked",
      external: EXTERNAL_PACKAGES,
      logLevel: "silent",
      // CommonJS libraries inside an ES module still call require() for Node's own modules.
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
      },
      plugins: [
        {
          name: "project-files",
          setup(compiler) {
            // The plain-JavaScript modules in tools/ stay where they are: the types worker starts
            // a thread from its own file. So do our JSON files, which are data the pipeline
            // writes (generated/openapi.dereferenced.json), not code: a new spec must not mean a
            // new build. The compiled files sit directly in the build's folder, whose depth the
            // scratch folder shares.
            compiler.onResolve({ filter: /\.(?:mjs|json)$/ }, (args) => {
              if (inLibrary(args.resolveDir)) return undefined;
              const target = resolve(args.resolveDir, args.path);
              return { path: toImport(relative(scratch, target)), external: true };
            });
            // Our modules are imported for their effects at times (`import "../lib/redocly.ts"`),
            // which package.json's `"sideEffects": false`, meant for the published client, denies.
            compiler.onResolve({ filter: /^\.\.?\// }, async (args) => {
              if (inLibrary(args.resolveDir) || !args.path.endsWith(".ts")) return undefined;
              return { path: resolve(args.resolveDir, args.path), sideEffects: true };
            });
          },
        },
        readFiles,
      ],
    });
    // The types generator's library, as one minified CommonJS file: it loads about a third
    // faster than its modules, and is what `check` waits for on a small spec. Its errors reach
    // the pipeline as messages, which minifying leaves alone.
    await build({
      absWorkingDir: root,
      stdin: {
        contents: `module.exports = require(${JSON.stringify(GENERATOR_PACKAGE)});`,
        resolveDir: root,
      },
      outfile: join(scratch, GENERATOR_LIBRARY),
      bundle: true,
      format: "cjs",
      minify: true,
      platform: "node",
      target: "node20",
      external: EXTERNAL_PACKAGES,
      logLevel: "silent",
      plugins: [readFiles],
    });
    const hash = hashOfKeys(keys);
    const folder = join(compiledDir, hash);
    await rename(scratch, folder).catch(async (/** @type {any} */ error) => {
      if (error?.code !== "ENOTEMPTY" && error?.code !== "EEXIST") throw error;
      await rm(scratch, { recursive: true, force: true }); // another run compiled the same
      markUsed(folder);
    });
    const manifest = { files: [...keys.keys()].sort() };
    const staged = join(compiledDir, `${MANIFEST}.${randomUUID()}`);
    await writeFile(staged, `${JSON.stringify(manifest, null, 1)}\n`);
    await rename(staged, join(compiledDir, MANIFEST));
    await removeUnusedBuilds(compiledDir, hash);
    return folder;
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** A relative import specifier: `./x.mjs` rather than `x.mjs`, which would name a package. */
const toImport = (/** @type {string} */ path) => (path.startsWith(".") ? path : `./${path}`);

/**
 * Removes the builds, and the scratch folders of compiles that never finished, that no run has
 * used for KEEP_UNUSED_MS.
 * @param {string} compiledDir @param {string} current
 */
async function removeUnusedBuilds(compiledDir, current) {
  for (const entry of await readdir(compiledDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(compiledDir, entry.name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > KEEP_UNUSED_MS) await rm(path, { recursive: true, force: true });
  }
}
