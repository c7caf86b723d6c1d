/**
 * Runs a TypeScript sample against the in-process fake: its source unchanged, bundled with
 * esbuild so that its imports of the package and of openapi-fetch resolve to shims that send
 * their clients to the fake (shims.ts). The package is the built one, from the sample project's
 * node_modules. `process.env` holds only VERSORI_API_KEY, the fake's token; the console is
 * captured and shown when the sample fails.
 */
import { Console } from "node:console";
import { join } from "node:path";
import { Writable } from "node:stream";
import { build, type Plugin } from "esbuild";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import { createFakeIssues, type FakeIssues } from "../../../src/testing/index.ts";
import { requestProblem, seedFor, sentRequests } from "./expected-request.ts";
import { sampleFileName, sampleName } from "./names.ts";
import type { SampleProject } from "./sample-project.ts";
import { FAKE_PARAMETER, SHIMS } from "./shims.ts";

export interface RunOptions {
  /** How long the sample may take, in ms. Default 5000. */
  timeoutMs?: number;
}

const AsyncFunction = (async () => {}).constructor as new (
  ...parameters: string[]
) => (...values: unknown[]) => Promise<void>;

/** Why the sample failed, with what it printed, naming it; undefined when it passed. */
export async function runSampleInProcess(
  project: SampleProject,
  sample: CodeSample,
  { timeoutMs = 5000 }: RunOptions = {},
): Promise<string | undefined> {
  const fake = createFakeIssues();
  seedFor(fake, sample);
  const output: string[] = [];
  const problem = await bundleAndRun(project, sample, fake, output, timeoutMs);
  if (problem === undefined) return undefined;
  const printed = output.length > 0 ? `\nit printed:\n${output.join("")}` : "\nit printed nothing";
  return `${sampleName(sample)}: ${problem}${printed}`;
}

async function bundleAndRun(
  project: SampleProject,
  sample: CodeSample,
  fake: FakeIssues,
  output: string[],
  timeoutMs: number,
): Promise<string | undefined> {
  let code: string;
  try {
    code = await bundle(project, sample);
  } catch (error) {
    return `esbuild could not bundle it: ${error instanceof Error ? error.message : String(error)}`;
  }
  const run = new AsyncFunction(FAKE_PARAMETER, "console", "process", `"use strict";\n${code}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => done(`it did not finish within ${timeoutMs} ms`), timeoutMs);
  });
  const finished = run(fake, capturingConsole(output), sampleProcess(fake.token)).then(
    () => undefined,
    (error: unknown) =>
      `it threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}; ${sentRequests(fake.requests)}`,
  );
  try {
    const failure = await Promise.race([finished, timeout]);
    return failure ?? requestProblem(sample, fake);
  } finally {
    clearTimeout(timer);
  }
}

/** The sample and all it imports as one script, with no import or export left. */
async function bundle(project: SampleProject, sample: CodeSample): Promise<string> {
  // From the source itself, as though it were the sample's file in the project: a sample edited
  // since the project was made runs as it now reads.
  const sourcefile = sampleFileName(sample);
  const entry = join(project.root, sourcefile);
  const result = await build({
    stdin: { contents: sample.source, sourcefile, resolveDir: project.root, loader: "ts" },
    absWorkingDir: project.root,
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "silent",
    plugins: [shimsFor(entry, sample.server, project.root)],
  });
  const [output] = result.outputFiles;
  const external = Object.values(result.metafile.outputs).flatMap((file) =>
    file.imports.map(({ path }) => path),
  );
  if (external.length > 0) throw new Error(`it imports ${external.join(", ")}, which cannot be bundled`);
  if (output === undefined) throw new Error("esbuild wrote nothing");
  return output.text;
}

/** Resolves the sample's own imports of the shimmed modules to the shims; every other import as usual. */
const shimsFor = (entry: string, server: string, resolveDir: string): Plugin => ({
  name: "sample-shims",
  setup(plugins) {
    plugins.onResolve({ filter: /^(versori-issues-api|openapi-fetch)$/ }, (args) =>
      args.importer === entry ? { path: args.path, namespace: "sample-shim" } : undefined,
    );
    plugins.onLoad({ filter: /.*/, namespace: "sample-shim" }, (args) => ({
      contents: SHIMS[args.path]!(server),
      resolveDir,
      loader: "js",
    }));
  },
});

function capturingConsole(output: string[]): Console {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output.push(String(chunk));
      done();
    },
  });
  return new Console({ stdout: stream, stderr: stream });
}

/** The real `process`, with an environment of the API key alone and an `exit` that throws. */
function sampleProcess(token: string): NodeJS.Process {
  const env = { VERSORI_API_KEY: token };
  const exit = (code?: number) => {
    throw new Error(`it called process.exit(${code ?? ""})`);
  };
  return new Proxy(process, {
    get: (target, key) => (key === "env" ? env : key === "exit" ? exit : Reflect.get(target, key)),
  });
}
