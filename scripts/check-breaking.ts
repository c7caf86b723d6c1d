/**
 * `npm run check:breaking`: the breaking-change gate. Compares the working spec with the newest
 * release snapshot (openapi/releases/), and fails when its changes need a bigger version bump
 * than info.version made, or when package.json's version and info.version disagree. With
 * --released (before publishing), info.version must also be the newest release's.
 */
import { runMain } from "../tools/lib/command.ts";
import { judge } from "../tools/release/gate.ts";
import { diffSince, latestRelease, readVersion } from "../tools/release/versions.ts";

runMain(async () => {
  const { version, spec } = await readVersion();
  const release = await latestRelease();
  // Before publishing (`prepublishOnly`), the version must be a release: its snapshot exists.
  // Otherwise a hand-bumped version would ship changes no snapshot or changelog records.
  if (process.argv.includes("--released") && version !== release.version) {
    console.error(
      `✘ ${version} has no release snapshot (the newest is ${release.version}): ` +
        `set info.version back to it and run \`npm run release\``,
    );
    return 1;
  }
  const verdict = judge(await diffSince(release.file, spec), release, version);
  for (const line of verdict.report) console.log(line);
  for (const line of verdict.problems) console.error(line);
  return verdict.passed ? 0 : 1;
});
