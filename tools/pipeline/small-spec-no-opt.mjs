// For `check`, `generate` and `release`, loaded by tools/launch/run.mjs before anything else
// (not for `npm run dev`, which runs for hours). On a spec of the size this one is, a run lasts
// under half a second, and V8's optimising compilers only compete with it for the two
// cores: without TurboFan, `check` takes about 15% less time, and on Node 24 switching off
// Maglev, its newer mid-tier compiler, takes about 8% more off. On a spec of a thousand
// operations (megabytes of YAML), the run lasts seconds and optimised code pays for itself many
// times over: without it, the same check takes about half as long again. So the compilers are
// switched off only for a spec below 1 MB, the crossover measured by `npm run bench:pipeline`.
import { statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

const SMALL_SPEC_BYTES = 1_000_000;
const spec = statSync(new URL("../../openapi/issues.yaml", import.meta.url), { throwIfNoEntry: false });
if ((spec?.size ?? 0) < SMALL_SPEC_BYTES) setFlagsFromString("--no-opt --no-maglev");
