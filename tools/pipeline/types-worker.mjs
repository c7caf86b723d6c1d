// @ts-check
/**
 * Compiles a bundled spec into TypeScript with openapi-typescript, on a worker thread.
 *
 * Loading openapi-typescript and the `typescript` package it needs takes about 200 ms, longer
 * than linting the spec. `preload.mjs` starts the worker first thing, so that the load runs on
 * the second core while the main thread lints and bundles. Importing this module starts nothing:
 * commands that never compile types (check:breaking, release, docs) do not pay for the load.
 * Plain JavaScript, because the worker runs without tsx.
 */
import { createRequire } from "node:module";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/** @typedef {import("openapi-typescript").OpenAPITSOptions} OpenAPITSOptions */
/** @typedef {{ id: number, types?: string, error?: string }} Reply */

if (!isMainThread && parentPort) {
  const port = parentPort;
  // Through require, not import: on Node 20 an ESM import of the CommonJS `typescript` package
  // first lexes all 9 MB of it for named exports, which more than doubles the load time.
  // The library as the launcher compiled it into one file (tools/launch/compiled.mjs), or as
  // installed.
  /** @type {typeof import("openapi-typescript")} */
  const { default: openapiTS, astToString } = createRequire(import.meta.url)(
    workerData?.library ?? "openapi-typescript",
  );
  port.on("message", async (/** @type {{ id: number, spec: any, options: OpenAPITSOptions }} */ job) => {
    try {
      port.postMessage({ id: job.id, types: astToString(await openapiTS(job.spec, job.options)) });
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** @type {Worker | undefined} */
let worker;
/** @type {Map<number, { resolve: (types: string) => void, reject: (error: Error) => void }>} */
const jobs = new Map();
let nextId = 0;

/**
 * Starts the worker if it is not running, without keeping the process alive for it.
 * @param {string} [library] the file to load openapi-typescript from, when not the installed package
 */
export function startTypesWorker(library) {
  if (worker) return worker;
  const started = new Worker(new URL(import.meta.url), { execArgv: [], workerData: { library } });
  started.on("message", (/** @type {Reply} */ reply) => {
    const job = jobs.get(reply.id);
    jobs.delete(reply.id);
    if (jobs.size === 0) started.unref();
    if (reply.error !== undefined) job?.reject(new Error(reply.error));
    else job?.resolve(/** @type {string} */ (reply.types));
  });
  const fail = (/** @type {Error} */ error) => {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    worker = undefined;
  };
  started.on("error", fail);
  // A worker that exits without an error event would otherwise leave its callers waiting forever.
  started.on("exit", (code) => fail(new Error(`the types worker stopped (exit code ${code})`)));
  started.unref();
  worker = started;
  return started;
}

/**
 * Compiles `spec` with openapi-typescript's `options` and resolves with the printed source.
 * @param {object} spec a bundled OpenAPI document; the worker gets a copy of it
 * @param {OpenAPITSOptions} options plain data only: functions cannot cross to the worker
 * @returns {Promise<string>}
 */
export function compileTypes(spec, options) {
  const running = startTypesWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    running.ref();
    running.postMessage({ id, spec, options });
  });
}
