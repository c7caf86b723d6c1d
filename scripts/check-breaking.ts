/**
 * `npm run check:breaking`: the breaking-change gate. Compares the working spec with the newest
 * release snapshot (openapi/releases/), and fails when its changes need a bigger version bump
 * than info.version made, or when package.json's version and info.version disagree. With
 * --released (before publishing), info.version must also be the newest release's.
 */
import {
  bumpBetween,
  bump,
  diffSince,
  larger,
  latestRelease,
  readVersion,
  required,
} from "../tools/release/versions.ts";
import { runMain } from "../tools/lib/command.ts";

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
  const changes = await diffSince(release.file, spec);
  const needed = required(changes);
  const made = bumpBetween(release.version, version);
  const since = `since ${release.version} (${release.file})`;

  for (const change of changes) console.log(`${change.impact.padEnd(5)}  ${change.where}: ${change.what}`);
  if (larger(made, needed) === made) {
    console.log(
      changes.length === 0
        ? `✔ no API changes ${since}`
        : `✔ ${changes.length} change(s) ${since} need a ${needed} release; ${version} is one`,
    );
    return 0;
  }
  const next = bump(release.version, needed);
  console.error(
    `✘ ${changes.length} change(s) ${since} need a ${needed} release, version ${next}; ` +
      `info.version is ${version} (${made === "none" ? "no bump" : `a ${made} bump`}).`,
  );
  console.error(`  Run \`npm run release -- ${needed}\`, or undo the ${needed} changes listed above.`);
  return 1;
});
