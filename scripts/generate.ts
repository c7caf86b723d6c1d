/** `npm run generate`: lint the spec, then write the generated types and bundle into `generated/`. */
import { writeOutputs } from "./outputs.ts";
import { buildOutputs, GENERATED_DIR, ROOT, runMain, step } from "./pipeline.ts";

runMain(async () => {
  const log = (line: string) => console.log(line);
  const outputs = await buildOutputs({ root: ROOT, log });
  await step(log, "write", async () => {
    const { written, removed } = await writeOutputs(ROOT, outputs);
    const detail =
      written.length + removed.length === 0
        ? `${GENERATED_DIR}/ already up to date`
        : `${GENERATED_DIR}/: ${written.length} written, ${removed.length} removed`;
    return [undefined, detail];
  });
});
