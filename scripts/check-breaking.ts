/**
 * `npm run check:breaking`: the breaking-change gate. Compares the working spec with the newest
 * release snapshot (openapi/releases/), and fails when its changes need a bigger version bump
 * than info.version made, or when package.json's version and info.version disagree. With
 * --released (before publishing), info.version must also be the newest release's.
 */
import { runMain } from "../tools/lib/command.ts";
import { checkBreaking } from "../tools/release/gate.ts";
import { refuseUnfinishedRelease } from "../tools/release/journal.ts";

runMain(async () => {
  // A release stopped part way leaves versions that disagree: the one line that says how to undo it.
  await refuseUnfinishedRelease();
  const verdict = await checkBreaking({ released: process.argv.includes("--released") });
  for (const line of verdict.report) console.log(line);
  for (const line of verdict.problems) console.error(line);
  return verdict.passed ? 0 : 1;
});
