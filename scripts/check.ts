/**
 * `npm run check`: the drift gate. Lints the spec, regenerates every output in memory and
 * compares it with the committed `generated/`. Exits 1 with a unified diff on any difference.
 */
import { runMain, step } from "../tools/lib/command.ts";
import { GENERATED_DIR, ROOT } from "../tools/lib/paths.ts";
import { compareOutputs, driftSummary, executableOutputs, readGenerated } from "../tools/pipeline/outputs.ts";
import { buildOutputs } from "../tools/pipeline/pipeline.ts";

runMain(async () => {
  const log = (line: string) => console.log(line);
  const expected = await buildOutputs({ root: ROOT, log });
  const drift = await step(log, "compare", async () => {
    const result = compareOutputs(expected, await readGenerated(ROOT));
    result.executable = await executableOutputs(ROOT, expected.keys());
    const count =
      result.changed.length + result.missing.length + result.extra.length + result.executable.length;
    return [
      result,
      count === 0 ? `${GENERATED_DIR}/ matches the spec` : `${GENERATED_DIR}/: ${count} differ`,
    ];
  });
  if (drift.patches.length + drift.extra.length + drift.executable.length === 0) return 0;

  for (const patch of drift.patches) process.stdout.write(patch);
  console.error("");
  for (const line of driftSummary(drift)) console.error(line);
  return 1;
});
