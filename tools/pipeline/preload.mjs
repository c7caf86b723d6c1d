// For `npm run dev`, which runs through tsx (`node --import ./tools/pipeline/preload.mjs --import
// tsx scripts/dev.ts`; the other commands that generate types start through tools/launch/run.mjs).
// It starts the types worker on the installed openapi-typescript, then loads Redocly's library
// while the worker loads openapi-typescript on the other core.
import "../lib/compile-cache.mjs";
import { chooseGeneratorLibrary } from "./generator.mjs";
chooseGeneratorLibrary();
await import("../lib/load-redocly.mjs");
