// @ts-check
/**
 * The commands in scripts/, compiled by esbuild into plain JavaScript with the libraries they
 * use, so that they start without tsx's hooks and without resolving several hundred modules one
 * by one: `npm run check` on the real spec starts in about half the time.
 *
 * The compiled files live in `tools/.compiled/<hash>/`, where the hash covers every file that
 * went into them (our TypeScript, the libraries' files, package.json, tsconfig and this file).
 * Each run hashes those files again (a few milliseconds) and compiles afresh when any differs,
 * so an edit, a `git pull` or an `npm ci` never runs stale code. A copy of the project that
 * copies tools/ reuses the compiled files when its sources are the same.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { extname, join, relative, resolve } from "node:path";

/** The commands compiled together: they share most of their code, so esbuild splits it out once. */
export const COMMAND_SCRIPTS = {
  check: "scripts/check.ts",
  generate: "scripts/generate.ts",
  release: "scripts/release.ts",
  "check-breaking": "scripts/check-breaking.ts",
  "check-upstream": "scripts/check-upstream.ts",
};

/** Left to Node: `typescript` is 9 MB of CommonJS that only openapi-typescript's worker loads. */
const EXTERNAL_PACKAGES = ["typescript"];
/** Hashed besides what esbuild reads: they decide how it reads and compiles. */
const BUILD_SETTINGS = ["package.json", "tsconfig.json", "tools/launch/compiled.mjs"];
const COMPILED_DIR = "tools/.compiled";
const MANIFEST = "manifest.json";
/** The types worker's copy of openapi-typescript, in a build's folder. */
export const TYPES_LIBRARY = "openapi-typescript.cjs";
/**
 * A folder of compiled files older than this, from an earlier hash, is removed after a build: a
 * command that runs from it has loaded all but its rarely needed chunks by then.
 */
const KEEP_OLD_MS = 60_000;

/** @typedef {{ hash: string, files: string[] }} Manifest */

/**
 * The folder of the compiled commands when it is up to date with every source, or undefined.
 * @param {string} root the project's root folder
 */
export function upToDateBuild(root) {
  const manifest = readManifest(root);
  if (!manifest || contentHash(root, manifest.files) !== manifest.hash) return undefined;
  const folder = join(root, COMPILED_DIR, manifest.hash);
  return existsSync(folder) ? folder : undefined;
}

/**
 * Compiles every command, and openapi-typescript for the types worker, into a new folder named
 * by the hash of what was read, then points the manifest at it; resolves with the folder.
 * @param {string} root the project's root folder
 */
export async function compileCommands(root) {
  const { hash } = await compile(root);
  return join(root, COMPILED_DIR, hash);
}

/** @param {string} root @returns {Manifest | undefined} */
function readManifest(root) {
  try {
    return JSON.parse(readFileSync(join(root, COMPILED_DIR, MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * One hash of the files, in order: of the content of ours, and of the size and change time of a
 * library's. npm writes a library's files anew when it installs them, which sets their change
 * time (unlike their modification time, which npm sets to a fixed date); statting the few
 * hundred files takes a fifth of the time that reading them would. A file that is missing gives
 * a hash no build produced, so the commands are compiled again.
 * @param {string} root @param {string[]} files paths as the manifest keeps them
 */
function contentHash(root, files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update("\0");
    try {
      hash.update(fileKey(resolve(root, file), file.startsWith("node_modules/")));
    } catch {
      hash.update(`missing ${Math.random()}`);
    }
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} path @param {boolean} installed whether npm installed the file */
function fileKey(path, installed) {
  if (!installed) return readFileSync(path);
  const { size, ctimeMs, mtimeMs } = statSync(path);
  return `${size} ${ctimeMs} ${mtimeMs}`;
}

/**
 * A file's path as the manifest keeps it: relative to the root, and a library's from its
 * `node_modules/`, so that a copy of the project whose node_modules is a link to this one's
 * names the same files.
 * @param {string} root @param {string} path an absolute path, links resolved
 */
function manifestPath(root, path) {
  const inside = relative(root, path);
  if (!inside.startsWith("..")) return inside;
  const at = path.indexOf("/node_modules/");
  return at === -1 ? path : path.slice(at + 1);
}

/** @param {string} path */
function loaderFor(path) {
  const extension = extname(path);
  if (extension === ".ts" || extension === ".mts") return "ts";
  if (extension === ".json") return "json";
  return "js";
}

/**
 * Two runs that compile at once both finish: whichever folder lands first is kept, and both hold
 * the same code.
 * @param {string} root
 * @returns {Promise<Manifest>}
 */
async function compile(root) {
  const { build } = await import("esbuild");
  const compiledDir = join(root, COMPILED_DIR);
  const scratch = join(compiledDir, `.build-${process.pid}-${Date.now()}`);
  /** @type {Set<string>} */
  const read = new Set(BUILD_SETTINGS);
  /** @type {import("esbuild").Plugin} */
  const readFiles = {
    name: "read-files",
    setup(compiler) {
      // Every file is read here, so that the hash covers exactly the bytes compiled.
      compiler.onLoad({ filter: /.*/ }, async (args) => {
        read.add(manifestPath(root, args.path));
        return { contents: await readFile(args.path), loader: loaderFor(args.path) };
      });
    },
  };
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
      target: "node20",
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
            // a thread from its own file. The compiled files sit directly in the build's folder,
            // whose depth the scratch folder shares.
            compiler.onResolve({ filter: /\.mjs$/ }, (args) => {
              if (args.resolveDir.includes("node_modules")) return undefined;
              const target = resolve(args.resolveDir, args.path);
              return { path: toImport(relative(scratch, target)), external: true };
            });
            // Our modules are imported for their effects at times (`import "../lib/redocly.ts"`),
            // which package.json's `"sideEffects": false`, meant for the published client, denies.
            compiler.onResolve({ filter: /^\.\.?\// }, async (args) => {
              if (args.resolveDir.includes("node_modules") || !args.path.endsWith(".ts")) return undefined;
              return { path: resolve(args.resolveDir, args.path), sideEffects: true };
            });
          },
        },
        readFiles,
      ],
    });
    // The types worker's library, as one minified CommonJS file: it loads about 20% faster than
    // its modules, and is what `check` waits for on a small spec. Its errors reach the pipeline
    // as messages, which minifying leaves alone.
    await build({
      absWorkingDir: root,
      stdin: { contents: 'module.exports = require("openapi-typescript");', resolveDir: root },
      outfile: join(scratch, TYPES_LIBRARY),
      bundle: true,
      format: "cjs",
      minify: true,
      platform: "node",
      target: "node20",
      external: EXTERNAL_PACKAGES,
      logLevel: "silent",
      plugins: [readFiles],
    });
    const files = [...read].sort();
    const hash = contentHash(root, files);
    await rename(scratch, join(compiledDir, hash)).catch(async (/** @type {any} */ error) => {
      if (error?.code !== "ENOTEMPTY" && error?.code !== "EEXIST") throw error;
      await rm(scratch, { recursive: true, force: true }); // another run compiled the same
    });
    const manifest = { hash, files };
    const staged = join(compiledDir, `${MANIFEST}.${process.pid}`);
    await writeFile(staged, `${JSON.stringify(manifest, null, 1)}\n`);
    await rename(staged, join(compiledDir, MANIFEST));
    await removeOldBuilds(compiledDir, hash);
    return manifest;
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** A relative import specifier: `./x.mjs` rather than `x.mjs`, which would name a package. */
const toImport = (/** @type {string} */ path) => (path.startsWith(".") ? path : `./${path}`);

/**
 * Removes the folders of earlier builds, once they are old enough that no command still running
 * could be loading code from one.
 * @param {string} compiledDir @param {string} current
 */
async function removeOldBuilds(compiledDir, current) {
  for (const entry of await readdir(compiledDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(compiledDir, entry.name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > KEEP_OLD_MS) await rm(path, { recursive: true, force: true });
  }
}
