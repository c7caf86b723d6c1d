/** `npm run release -- <major|minor|patch>`: see tools/release/release.ts. */
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { release } from "../tools/release/release.ts";

runMain(async () => {
  const kind = process.argv[2];
  if (kind !== "major" && kind !== "minor" && kind !== "patch") {
    throw new PipelineError(["usage: npm run release -- <major|minor|patch>"]);
  }
  console.log(await release(kind));
});
