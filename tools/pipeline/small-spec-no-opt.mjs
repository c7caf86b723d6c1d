// For `npm run check` and `npm run generate`, loaded before anything else. On a spec of the
// size this one is, a run lasts about a second, and V8's optimising compiler only competes with
// it for the two cores: without it, `check` takes about 15% less time. On a spec of a thousand
// operations (megabytes of YAML), the run lasts seconds and optimised code pays for itself
// many times over: without it, the same check takes about half as long again. So the compiler
// is switched off only for a spec below 1 MB, the crossover measured by `npm run bench:pipeline`.
import { statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

const SMALL_SPEC_BYTES = 1_000_000;
const spec = statSync(new URL("../../openapi/issues.yaml", import.meta.url), { throwIfNoEntry: false });
if ((spec?.size ?? 0) < SMALL_SPEC_BYTES) setFlagsFromString("--no-opt");
