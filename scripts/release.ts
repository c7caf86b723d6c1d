/**
 * `npm run release -- <major|minor|patch>`: makes a release (tools/release/release.ts) and says
 * what comes next. `npm run release -- --redo [<kind>]`: makes the last release again while it
 * is not tagged (tools/release/redo.ts). `npm run release -- --tag`: tags the committed release
 * (tools/release/tag.ts). `npm run release -- --abort`: undoes a release that was stopped part
 * way (tools/release/journal.ts).
 */
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { abortRelease } from "../tools/release/journal.ts";
import { redoRelease } from "../tools/release/redo.ts";
import { type ReleaseKind, release } from "../tools/release/release.ts";
import { tagRelease } from "../tools/release/tag.ts";

const USAGE =
  "usage: npm run release -- <major|minor|patch>, then npm run release -- --tag " +
  "(npm run release -- --redo [<major|minor|patch>] makes the last release again while it is not tagged; " +
  "npm run release -- --abort undoes a release that was stopped part way)";

const KINDS: readonly string[] = ["major", "minor", "patch"];
const isKind = (argument: string | undefined): argument is ReleaseKind => KINDS.includes(argument ?? "");

runMain(async () => {
  const [argument, ...extra] = process.argv.slice(2);
  // An argument it does not take is refused, not ignored: it may be a mistyped intention.
  const unexpected = argument === "--redo" && isKind(extra[0]) ? extra[1] : extra[0];
  if (unexpected !== undefined) throw new PipelineError([`unexpected argument "${unexpected}": ${USAGE}`]);
  if (argument === "--tag") {
    for (const line of await tagRelease()) console.log(line);
    return;
  }
  if (argument === "--abort") {
    console.log(await abortRelease());
    return;
  }
  if (argument !== "--redo" && !isKind(argument)) {
    throw new PipelineError([argument === undefined ? USAGE : `unknown argument "${argument}": ${USAGE}`]);
  }
  const { version, report } =
    argument === "--redo"
      ? await redoRelease(isKind(extra[0]) ? extra[0] : undefined)
      : await release(argument);
  console.log(report);
  console.log("next:");
  console.log(`  git add -A && git commit -m "Release ${version}"`);
  console.log(`  npm run release -- --tag    # the annotated tag v${version}, which publishing listens for`);
  console.log("  git push --follow-tags");
  console.log(`  (to change ${version} before it is tagged: edit the spec, then npm run release -- --redo)`);
});
