/**
 * The npm package's files, from src/ and generated/ (which `npm run generate` wrote). One
 * function per step, each printing one line with its time.
 *
 * - one ESM file per entry (BUNDLES below): the client, the fake and its command, its browser
 *   core, the MSW handlers, response validation, and the MCP server and its command;
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
import { type BuildOptions, build, type Plugin } from "esbuild";
import { step } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";

const DIST = join(ROOT, "dist");

/** One ESM file of the package, bundled by esbuild from an entry below src/. */
interface Bundle {
  /** The name of its step in the build's output. */
  step: string;
  entry: string;
  outfile: string;
  /** What sets this file apart from the others: where it runs, what stays an import. */
  options: BuildOptions;
}

/** Minified, with names kept for stack traces: a test dependency should install small. */
const SMALL: BuildOptions = { minify: true, keepNames: true };

/** The command imports the fake from dist/testing.js rather than a copy of it. */
const testingEntry: Plugin = {
  name: "testing-entry",
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: "./testing.js", external: true }));
  },
};

/**
 * IssuesValidationError extends the client's IssuesError: the validate entry imports that class
 * from dist/index.js rather than bundling a second one, so `instanceof IssuesError` holds for it.
 */
const clientErrors: Plugin = {
  name: "client-errors",
  setup(build) {
    build.onResolve({ filter: /\/issues-error\.js$/ }, () => ({ path: "./index.js", external: true }));
  },
};

/**
 * The MCP server's files use the client's error classes from dist/index.js, so that its
 * `instanceof` checks hold for the errors of a client made from the main entry.
 */
const clientEntry: Plugin = {
  name: "client-entry",
  setup(build) {
    // Only src/mcp's own imports: a dependency may have a ../index.js of its own.
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, ({ importer }) =>
      importer.startsWith(join(ROOT, "src/mcp/")) ? { path: "./index.js", external: true } : undefined,
    );
  },
};

/**
 * The MCP SDK inside: `npx versori-issues-mcp` needs nothing installed but this package, whose
 * one dependency stays openapi-fetch, and the SDK's own dependencies (an HTTP server, OAuth)
 * never reach a consumer. Its version is the one this repository tested.
 */
const MCP: BuildOptions = { platform: "node", target: "node20", ...SMALL, plugins: [clientEntry] };

const BUNDLES: Bundle[] = [
  // The client: openapi-fetch stays an import, its only dependency.
  {
    step: "client",
    entry: "index.ts",
    outfile: "index.js",
    options: { platform: "neutral", target: "es2022", external: ["openapi-fetch"] },
  },
  // The fake server with its validator, IDs and the spec inside: consumers install nothing for it.
  {
    step: "testing",
    entry: "testing/index.ts",
    outfile: "testing.js",
    options: {
      platform: "node",
      target: "node20",
      ...SMALL,
      // ulid is CommonJS and requires Node's built-ins, which an ES module cannot do by itself.
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
      },
    },
  },
  // The `versori-issues-fake` command: a small script over dist/testing.js.
  {
    step: "fake cli",
    entry: "testing/cli.ts",
    outfile: "fake-cli.js",
    options: {
      platform: "node",
      target: "node20",
      banner: { js: "#!/usr/bin/env node" },
      plugins: [testingEntry],
    },
  },
  // The fake's core alone, for browsers and workers: ulid's browser build, no `node:` import, no eval.
  {
    step: "fake",
    entry: "testing/fake.ts",
    outfile: "fake.js",
    options: { platform: "browser", target: "es2022", ...SMALL },
  },
  // MSW handlers: MSW stays an import, an optional peer dependency.
  {
    step: "msw",
    entry: "msw/index.ts",
    outfile: "msw.js",
    options: { platform: "neutral", target: "es2022", external: ["msw"] },
  },
  // Response validation around a client: the spec engine and the dereferenced spec.
  {
    step: "validate",
    entry: "validate/index.ts",
    outfile: "validate.js",
    options: { platform: "neutral", target: "es2022", ...SMALL, plugins: [clientErrors] },
  },
  // The MCP server over a client, for a program to serve over the transport it picks.
  { step: "mcp", entry: "mcp/index.ts", outfile: "mcp.js", options: MCP },
  // The `versori-issues-mcp` command: the server over stdio, in one file with the SDK's transport.
  {
    step: "mcp cli",
    entry: "mcp/cli.ts",
    outfile: "mcp-cli.js",
    options: { ...MCP, banner: { js: "#!/usr/bin/env node" } },
  },
];

const OUTPUTS = [...BUNDLES.map((bundle) => bundle.outfile), "types.js", "openapi.json", "types"];

async function bundle({ entry, outfile, options }: Bundle, dist = DIST): Promise<[undefined, string]> {
  await build({
    entryPoints: [join(ROOT, "src", entry)],
    outfile: join(dist, outfile),
    bundle: true,
    format: "esm",
    logLevel: "warning",
    ...options,
  });
  return [undefined, `dist/${outfile}`];
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

/**
 * Bundles the entries of the named steps into `dist`, as the package build does, without the
 * rest: a test builds the files it runs into a folder of its own, leaving dist/ to others.
 */
export async function buildBundles(dist: string, steps: readonly string[]): Promise<void> {
  const unknown = steps.filter((name) => !BUNDLES.some((each) => each.step === name));
  if (unknown.length > 0) throw new Error(`no bundle step ${unknown.join(", ")}`);
  for (const each of BUNDLES) if (steps.includes(each.step)) await bundle(each, dist);
}

/** Builds every file of the package into dist/, printing one line per step with `log`. */
export async function buildPackage(log: (line: string) => void): Promise<void> {
  await Promise.all(OUTPUTS.map((name) => rm(join(DIST, name), { recursive: true, force: true })));
  for (const each of BUNDLES) await step(log, each.step, () => bundle(each));
  await step(log, "spec", typesAndSpec);
  await step(log, "types", declarations);
}
