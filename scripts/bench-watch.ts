/**
 * `npm run bench:watch`: from saving the spec to its results, with `npm run dev` running on a
 * temp copy of the project, generated/ and the docs page open in Chromium (tools/bench/watch.ts).
 *
 * BENCH_EDITS sets the measured saves with the page open (8 by default; 20 with --no-docs),
 * BENCH_RUNS the runs of each baseline (3). The browser is the one the browser tests use
 * (tools/lib/find-browser.ts: CHROMIUM_PATH, one on PATH, or @sparticuz/chromium's).
 */
import { findChromium } from "../tools/lib/find-browser.ts";
import { benchmarkWatch } from "../tools/bench/watch.ts";
import { runMain } from "../tools/lib/command.ts";

runMain(async () =>
  benchmarkWatch({
    noDocsEdits: 20,
    docsEdits: Math.max(3, Number(process.env.BENCH_EDITS ?? 8)),
    baselineRuns: Math.max(1, Number(process.env.BENCH_RUNS ?? 3)),
    chromium: (await findChromium()).path,
  }),
);
