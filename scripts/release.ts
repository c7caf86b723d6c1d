/**
 * `npm run release -- <major|minor|patch>`: makes a release (tools/release/release.ts) and says
 * what comes next. `npm run release -- --tag`: tags the committed release (tools/release/tag.ts).
 */
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { release } from "../tools/release/release.ts";
import { tagRelease } from "../tools/release/tag.ts";

const USAGE = "usage: npm run release -- <major|minor|patch>, then npm run release -- --tag";

runMain(async () => {
  const argument = process.argv[2];
  if (argument === "--tag") {
    for (const line of await tagRelease()) console.log(line);
    return;
  }
  if (argument !== "major" && argument !== "minor" && argument !== "patch") throw new PipelineError([USAGE]);
  const { version, report } = await release(argument);
  console.log(report);
  console.log("next:");
  console.log(`  git add -A && git commit -m "Release ${version}"`);
  console.log(`  npm run release -- --tag    # the annotated tag v${version}, which publishing listens for`);
  console.log("  git push --follow-tags");
});
