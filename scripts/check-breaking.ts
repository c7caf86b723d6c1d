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
  formatVersion,
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
  if (process.argv.includes("--released") && formatVersion(version) !== formatVersion(release.version)) {
    console.error(
      `✘ ${formatVersion(version)} has no release snapshot (the newest is ${formatVersion(release.version)}): ` +
        `set info.version back to it and run \`npm run release\``,
    );
    return 1;
  }
  const changes = await diffSince(release.file, spec);
  const needed = required(changes);
  const made = bumpBetween(release.version, version);
  const order = ["none", "patch", "minor", "major"];
  const since = `since ${formatVersion(release.version)} (${release.file})`;

  for (const change of changes) console.log(`${change.impact.padEnd(5)}  ${change.where}: ${change.what}`);
  if (order.indexOf(made) >= order.indexOf(needed)) {
    console.log(
      changes.length === 0
        ? `✔ no API changes ${since}`
        : `✔ ${changes.length} change(s) ${since} need a ${needed} release; ${formatVersion(version)} is one`,
    );
    return 0;
  }
  const next = formatVersion(bump(release.version, needed));
  console.error(
    `✘ ${changes.length} change(s) ${since} need a ${needed} release, version ${next}; ` +
      `info.version is ${formatVersion(version)} (${made === "none" ? "no bump" : `a ${made} bump`}).`,
  );
  console.error(`  Run \`npm run release -- ${needed}\`, or undo the ${needed} changes listed above.`);
  return 1;
});
