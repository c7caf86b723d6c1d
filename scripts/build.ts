/**
 * `npm run build:dist`: the npm package's files, from src/ and generated/ (which `npm run
 * generate` wrote). One function per step, each printing one line with its time.
 *
 * - dist/index.js: the client, one ESM file; openapi-fetch stays an import, its only dependency.
 * - dist/testing.js: the fake server, one ESM file with its validators, IDs and the bundled
 *   spec inside, so that consumers install nothing for it.
 * - dist/types/: declarations, by tsc.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { ROOT, runMain, step } from "./pipeline.ts";

const DIST = join(ROOT, "dist");
const log = (line: string) => console.log(line);

async function bundleClient(): Promise<[void, string]> {
  await build({
    entryPoints: [join(ROOT, "src/index.ts")],
    outfile: join(DIST, "index.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["openapi-fetch"],
    logLevel: "warning",
  });
  return [undefined, "dist/index.js"];
}

async function bundleTesting(): Promise<[void, string]> {
  await build({
    entryPoints: [join(ROOT, "src/testing/index.ts")],
    outfile: join(DIST, "testing.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // ajv and ulid are CommonJS and require Node's built-ins, which an ES module cannot do by itself.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return [undefined, "dist/testing.js"];
}

async function declarations(): Promise<[void, string]> {
  await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], {
    cwd: ROOT,
  });
  return [undefined, "dist/types/"];
}

runMain(async () => {
  await rm(DIST, { recursive: true, force: true });
  await step(log, "client", bundleClient);
  await step(log, "testing", bundleTesting);
  await step(log, "types", declarations);
});
