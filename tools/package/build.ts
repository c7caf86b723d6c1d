/**
 * The npm package's files, from src/ and generated/ (which `npm run generate` wrote). One
 * function per step, each printing one line with its time.
 *
 * - dist/index.js: the client, one ESM file; openapi-fetch stays an import, its only dependency.
 * - dist/testing.js: the fake server, one ESM file with its validators, IDs and the bundled
 *   spec inside, so that consumers install nothing for it.
 * - dist/types.js: nothing at run time; `versori-issues-api/types` is for `import type`.
 * - dist/openapi.json: the bundled spec, as generated.
 * - dist/types/: declarations, by tsc.
 *
 * It removes only these, its own outputs, before building: dist/docs belongs to `npm run docs`.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { step } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";

const DIST = join(ROOT, "dist");
const OUTPUTS = [
  "fake.js",
  "index.js",
  "testing.js",
  "fake-cli.js",
  "msw.js",
  "validate.js",
  "types.js",
  "openapi.json",
  "types",
];

async function bundleClient(): Promise<[undefined, string]> {
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

async function bundleTesting(): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src/testing/index.ts")],
    outfile: join(DIST, "testing.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Minified, with names kept for stack traces: a test dependency should install small.
    minify: true,
    keepNames: true,
    // ulid is CommonJS and requires Node's built-ins, which an ES module cannot do by itself.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return [undefined, "dist/testing.js"];
}

/** The `versori-issues-fake` command: a small script over dist/testing.js, which it imports. */
async function bundleFakeCli(): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src/testing/cli.ts")],
    outfile: join(DIST, "fake-cli.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    plugins: [
      {
        name: "testing-entry",
        setup(build) {
          build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: "./testing.js", external: true }));
        },
      },
    ],
    logLevel: "warning",
  });
  return [undefined, "dist/fake-cli.js"];
}

/**
 * `versori-issues-api/fake`: the fake's core alone, for browsers and workers: web-standard APIs,
 * ulid's browser build, no `node:` import and no `eval`.
 */
async function bundleFakeCore(): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src/testing/fake.ts")],
    outfile: join(DIST, "fake.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    keepNames: true,
    logLevel: "warning",
  });
  return [undefined, "dist/fake.js"];
}

/** `versori-issues-api/msw`: MSW stays an import, an optional peer dependency. */
async function bundleMsw(): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src/msw/index.ts")],
    outfile: join(DIST, "msw.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["msw"],
    logLevel: "warning",
  });
  return [undefined, "dist/msw.js"];
}

/** `versori-issues-api/validate`: the fake's validator and the dereferenced spec, around a client. */
async function bundleValidate(): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src/validate/index.ts")],
    outfile: join(DIST, "validate.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    minify: true,
    keepNames: true,
    logLevel: "warning",
  });
  return [undefined, "dist/validate.js"];
}

async function typesAndSpec(): Promise<[undefined, string]> {
  await mkdir(DIST, { recursive: true });
  await writeFile(
    join(DIST, "types.js"),
    "// versori-issues-api/types holds types only: import them with `import type`.\nexport {};\n",
  );
  await copyFile(join(ROOT, "generated/openapi.json"), join(DIST, "openapi.json"));
  return [undefined, "dist/types.js, dist/openapi.json"];
}

async function declarations(): Promise<[undefined, string]> {
  await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], {
    cwd: ROOT,
  });
  return [undefined, "dist/types/"];
}

/** Builds every file of the package into dist/, printing one line per step with `log`. */
export async function buildPackage(log: (line: string) => void): Promise<void> {
  await Promise.all(OUTPUTS.map((name) => rm(join(DIST, name), { recursive: true, force: true })));
  await step(log, "client", bundleClient);
  await step(log, "testing", bundleTesting);
  await step(log, "fake cli", bundleFakeCli);
  await step(log, "fake", bundleFakeCore);
  await step(log, "msw", bundleMsw);
  await step(log, "validate", bundleValidate);
  await step(log, "spec", typesAndSpec);
  await step(log, "types", declarations);
}
