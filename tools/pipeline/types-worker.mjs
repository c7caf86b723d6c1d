// @ts-check
/**
 * Compiles a bundled spec into TypeScript with openapi-typescript, on a worker thread.
 *
 * Loading openapi-typescript and the `typescript` package it needs takes longer than linting
 * the spec. The commands that compile types (check, generate, release, dev) start the worker
 * first thing (tools/launch/run.mjs, or preload.mjs for dev), so that the load runs on the second
 * core while the main thread loads the rest. Importing this module starts nothing: commands that
 * never compile types (check:breaking, check:upstream, docs) do not pay for the load. Plain
 * JavaScript, because the worker runs without tsx.
 */
import { createRequire } from "node:module";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

/** @typedef {import("openapi-typescript").OpenAPITSOptions} OpenAPITSOptions */
/** @typedef {{ id: number, types?: string, error?: string }} Reply */

if (!isMainThread && parentPort) {
  const port = parentPort;
  // The first message names the file to load openapi-typescript from: the launcher sends it once
  // it knows whether its compiled copy is up to date, while this thread is already starting.
  port.once("message", (/** @type {{ library?: string }} */ { library }) => {
    // Through require, not import: on Node 20 an ESM import of the CommonJS `typescript` package
    // first lexes all 9 MB of it for named exports, which more than doubles the load time.
    /** @type {typeof import("openapi-typescript")} */
    const { default: openapiTS, astToString } = createRequire(import.meta.url)(
      library ?? "openapi-typescript",
    );
    port.on("message", async (/** @type {{ id: number, spec: any, options: OpenAPITSOptions }} */ job) => {
      try {
        port.postMessage({ id: job.id, types: astToString(await openapiTS(job.spec, job.options)) });
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
export function startTypesWorker() {
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
export function chooseTypesLibrary(library) {
  const running = startTypesWorker();
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
 * Compiles `spec` with openapi-typescript's `options` and resolves with the printed source.
 * @param {object} spec a bundled OpenAPI document; the worker gets a copy of it
 * @param {OpenAPITSOptions} options plain data only: functions cannot cross to the worker
 * @returns {Promise<string>}
 */
export function compileTypes(spec, options) {
  const running = startTypesWorker();
  chooseTypesLibrary();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    running.ref();
    running.postMessage({ id, spec, options });
  });
}
