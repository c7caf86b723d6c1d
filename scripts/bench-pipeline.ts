/**
 * `npm run bench:pipeline`: `npm run check` against the naive chain of three CLIs, and on
 * synthetic specs of 100, 1,000 and 5,000 operations (tools/bench/pipeline.ts).
 *
 * BENCH_RUNS sets the runs per measurement (7 by default; the largest size gets 3), BENCH_SIZES
 * the sizes (`100,1000,5000`).
 */
import { benchmarkPipeline } from "../tools/bench/pipeline.ts";
import { runMain } from "../tools/lib/command.ts";

runMain(() =>
  benchmarkPipeline({
    runs: Math.max(3, Number(process.env.BENCH_RUNS ?? 7)),
    sizes: (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number),
  }),
);
