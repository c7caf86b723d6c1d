// For the commands that generate types (`node --import ./tools/pipeline/preload.mjs --import tsx
// scripts/<name>.ts`). It starts the types worker, then loads Redocly's library while the worker
// loads openapi-typescript on the other core. `npm run check` is meant to answer the spec's
// authors within a second.
import "../lib/compile-cache.mjs";
import { startTypesWorker } from "./types-worker.mjs";
startTypesWorker();
await import("../lib/load-redocly.mjs");
