/** `npm run generate`: lint the spec, then write the generated types and bundle into `generated/`. */
import { runMain, step } from "../tools/lib/command.ts";
import { GENERATED_DIR, ROOT } from "../tools/lib/paths.ts";
import { writeOutputs } from "../tools/pipeline/outputs.ts";
import { buildOutputs } from "../tools/pipeline/pipeline.ts";

runMain(async () => {
  const log = (line: string) => console.log(line);
  const outputs = await buildOutputs({ root: ROOT, log });
  await step(log, "write", async () => {
    // A failure is a PipelineError whose line says what state generated/ was left in.
    const { changed, missing, extra, executable, leftover } = await writeOutputs(ROOT, outputs);
    // A file whose only change was its mode is written again too.
    const written = new Set([...changed, ...missing, ...executable]).size;
    const detail =
      written + extra.length === 0
        ? `${GENERATED_DIR}/ already up to date`
        : `${GENERATED_DIR}/: ${written} written, ${extra.length} removed`;
    return [undefined, leftover ? `${detail}; ${leftover}` : detail];
  });
});
