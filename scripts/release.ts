/**
 * `npm run release -- <major|minor|patch>`: makes a release (tools/release/release.ts) and says
 * what comes next. `npm run release -- --tag`: tags the committed release (tools/release/tag.ts).
 * `npm run release -- --abort`: undoes a release that was stopped part way (tools/release/journal.ts).
 */
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { abortRelease } from "../tools/release/journal.ts";
import { release } from "../tools/release/release.ts";
import { tagRelease } from "../tools/release/tag.ts";

const USAGE =
  "usage: npm run release -- <major|minor|patch>, then npm run release -- --tag " +
  "(npm run release -- --abort undoes a release that was stopped part way)";

runMain(async () => {
  const [argument, ...extra] = process.argv.slice(2);
  // An argument it does not take is refused, not ignored: it may be a mistyped intention.
  if (extra.length > 0) throw new PipelineError([`unexpected argument "${extra[0]}": ${USAGE}`]);
  if (argument === "--tag") {
    for (const line of await tagRelease()) console.log(line);
    return;
  }
  if (argument === "--abort") {
    console.log(await abortRelease());
    return;
  }
  if (argument !== "major" && argument !== "minor" && argument !== "patch") {
    throw new PipelineError([argument === undefined ? USAGE : `unknown argument "${argument}": ${USAGE}`]);
  }
  const { version, report } = await release(argument);
  console.log(report);
  console.log("next:");
  console.log(`  git add -A && git commit -m "Release ${version}"`);
  console.log(`  npm run release -- --tag    # the annotated tag v${version}, which publishing listens for`);
  console.log("  git push --follow-tags");
});
