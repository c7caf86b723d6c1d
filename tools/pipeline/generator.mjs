// @ts-check
/**
 * The types generator: the one module that uses openapi-typescript. It compiles a bundled spec
 * into TypeScript on a worker thread. openapi-typescript 7.13.0 is in maintenance mode with no
 * further releases; replacing it means changing this module alone, while
 * test/types/generated-types.test.ts and the release gate's surface check (tools/release/surface.ts)
 * hold the exported types to what they are.
 *
 * Loading openapi-typescript and the `typescript` package it needs takes longer than linting
 * the spec. The launcher (tools/launch/run.mjs) starts the worker first thing for the commands
 * that compile types, so that the load runs on the second core while the main thread loads the
 * rest. Importing this module starts nothing: commands that never compile types do not pay for
 * the load. Plain JavaScript, because the worker loads it as it is, uncompiled.
 */
import { Console } from "node:console";
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

/** @typedef {import("openapi-typescript").OpenAPI3} OpenAPIDocument a bundled OpenAPI 3 document */
/** @typedef {import("openapi-typescript").OpenAPITSOptions} GeneratorOptions */
/** @typedef {typeof import("openapi-typescript")} GeneratorLibrary */
/** @typedef {{ id: number, types?: string, error?: string }} Reply */

/** The package that generates the types; the launcher builds it into one file for the worker. */
export const GENERATOR_PACKAGE = "openapi-typescript";

/**
 * How openapi-typescript compiles the spec: plain data, which crosses to the worker.
 * @type {GeneratorOptions}
 */
export const GENERATOR_OPTIONS = {
  // Sort object keys, so that reordering properties in the YAML changes nothing downstream.
  alphabetize: true,
  // Export `Issue`, `CreateIssue`, `UpdateIssue`, `IssueStatus`, … next to `components`, so
  // consumers write `Issue` rather than `components["schemas"]["Issue"]`.
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  // Keep types exact: no index signatures, so an unknown field is a type error.
  additionalProperties: false,
  // Unions, not TS enums: enums would add runtime code to a types-only module.
  enum: false,
  // A default is filled in by the server, so an optional request field with a default stays
  // optional for the caller.
  defaultNonNullable: false,
  // Interfaces, not type aliases: better error messages and declaration merging for consumers.
  exportType: false,
  // The spec was linted in full already; openapi-typescript's own warnings would repeat it.
  silent: true,
};

if (!isMainThread && parentPort) {
  const port = parentPort;
  // openapi-typescript prints each problem it refuses a spec for as it throws it. The error
  // reaches the caller, which reports it with the spec's name; the print would repeat it, or
  // what the pipeline's own lint reports about the same spec. This thread runs nothing else, so
  // its console writes nowhere. (Worker's `stderr: true` would keep the process alive instead.)
  globalThis.console = new Console(new Writable({ write: (_chunk, _encoding, done) => done() }));
  // The first message names the file to load openapi-typescript from: the launcher sends it once
  // it knows whether its build is up to date, while this thread is already starting.
  port.once("message", (/** @type {{ library?: string }} */ { library }) => {
    // Through require, not import: on Node 20 an ESM import of the CommonJS `typescript` package
    // first lexes all 9 MB of it for named exports, which more than doubles the load time.
    /** @type {GeneratorLibrary} */
    const { default: openapiTS, astToString } = createRequire(import.meta.url)(library ?? GENERATOR_PACKAGE);
    port.on("message", async (/** @type {{ id: number, spec: any }} */ job) => {
      try {
        port.postMessage({ id: job.id, types: astToString(await openapiTS(job.spec, GENERATOR_OPTIONS)) });
      } catch (error) {
        port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

/** @type {Worker | undefined} */
let worker;
/** Whether the running worker was told which library to load. */
let libraryChosen = false;
/** @type {Map<number, { resolve: (types: string) => void, reject: (error: Error) => void }>} */
const jobs = new Map();
let nextId = 0;

/** Starts the worker if it is not running, without keeping the process alive for it. */
export function startGenerator() {
  if (worker) return worker;
  const started = new Worker(new URL(import.meta.url), { execArgv: [] });
  started.on("message", (/** @type {Reply} */ reply) => {
    const job = jobs.get(reply.id);
    jobs.delete(reply.id);
    if (jobs.size === 0) started.unref();
    if (reply.error !== undefined) job?.reject(new Error(reply.error));
    else job?.resolve(/** @type {string} */ (reply.types));
  });
  // The first of its error and exit events ends this worker's jobs. A later event, when a new
  // worker may have started, is about this one and must not touch the new one's jobs.
  const fail = (/** @type {Error} */ error) => {
    if (worker !== started) return;
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    worker = undefined;
    libraryChosen = false;
  };
  started.on("error", fail);
  // A worker that exits without an error event would otherwise leave its callers waiting forever.
  started.on("exit", (code) => fail(new Error(`the types worker stopped (exit code ${code})`)));
  started.unref();
  worker = started;
  return started;
}

/**
 * Tells the worker which file to load openapi-typescript from: `library`, or the installed
 * package when it is undefined. Only the first call for a worker counts.
 * @param {string} [library]
 */
export function chooseGeneratorLibrary(library) {
  const running = startGenerator();
  if (libraryChosen) return;
  libraryChosen = true;
  running.postMessage({ library });
}

/**
 * Lets the process exit without waiting for the compilations under way, whose results are no
 * longer wanted (the lint failed): they finish, or end with the process.
 */
export function stopWaitingForTypes() {
  worker?.unref();
}

/**
 * Compiles `spec` and resolves with the printed TypeScript.
 * @param {object} spec a bundled OpenAPI document; the worker gets a copy of it
 * @returns {Promise<string>}
 */
export function compileTypes(spec) {
  const running = startGenerator();
  chooseGeneratorLibrary();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    running.ref();
    running.postMessage({ id, spec });
  });
}
