/**
 * A script, run by `runStopped` (stopped.ts) as `node --import tsx test/support/stopped-run.ts
 * <job.json>`: runs generate's write step or a release in this process and kills the process
 * with SIGKILL just before the step that the job names, so that nothing of the run's own gets to
 * tidy up. It exits 0 if the run ends before reaching that step.
 */
import { readFile } from "node:fs/promises";
import type { StoppedJob } from "./stopped.ts";

const job = JSON.parse(await readFile(process.argv[2]!, "utf8")) as StoppedJob;
let count = 0;
const onStep = (step: string) => {
  if (job.at === count++ || job.at === step) process.kill(process.pid, "SIGKILL");
};
// Imported only when needed: a release loads the whole pipeline, which the write step does not need.
if (job.run === "write") {
  const { writeOutputs } = await import("../../tools/pipeline/outputs.ts");
  await writeOutputs(job.root, new Map(Object.entries(job.outputs)), { onStep });
} else {
  const { release } = await import("../../tools/release/release.ts");
  await release(job.kind, job.root, { onStep });
}
// The types worker that a release starts would keep the process alive.
process.exit(0);
