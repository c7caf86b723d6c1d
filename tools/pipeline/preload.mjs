// Runs before tsx registers its module hooks (`node --import ./tools/pipeline/preload.mjs --import tsx`).
// It starts the types worker, then loads Redocly's library while the worker loads
// openapi-typescript on the other core. Through tsx's hooks, Redocly's ~300 files would load
// about twice as slowly. `npm run check` is meant to answer the spec's authors within a second.
import { startTypesWorker } from "./types-worker.mjs";
startTypesWorker();
await import("@redocly/openapi-core");
