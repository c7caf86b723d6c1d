/**
 * The breaking-change gate, which `npm run check:breaking` prints: do the changes since the last
 * release fit the version bump that info.version made?
 */
import { ROOT } from "../lib/paths.ts";
import { type Change, larger, required } from "./change.ts";
import { diffSince } from "./diff-since.ts";
import { bump, bumpBetween, latestRelease, readVersion, type Version } from "./versions.ts";

export interface Verdict {
  passed: boolean;
  /** One line per change, then the verdict when it passed: for stdout. */
  report: string[];
  /** Why it failed and what to do: for stderr. Empty when it passed. */
  problems: string[];
}

/** Judges `changes`, made since the release `since` (its version and snapshot file), at `version`. */
export function judge(
  changes: Change[],
  since: { version: Version; file: string },
  version: Version,
): Verdict {
  const needed = required(changes);
  const made = bumpBetween(since.version, version);
  const sinceRelease = `since ${since.version} (${since.file})`;
  const report = changes.map((change) => `${change.impact.padEnd(5)}  ${change.where}: ${change.what}`);

  if (larger(made, needed) === made) {
    report.push(
      changes.length === 0
        ? `✔ no API changes ${sinceRelease}`
        : `✔ ${changes.length} change(s) ${sinceRelease} need a ${needed} release; ${version} is one`,
    );
    return { passed: true, report, problems: [] };
  }
  const next = bump(since.version, needed);
  return {
    passed: false,
    report,
    problems: [
      `✘ ${changes.length} change(s) ${sinceRelease} need a ${needed} release, version ${next}; ` +
        `info.version is ${version} (${made === "none" ? "no bump" : `a ${made} bump`}).`,
      `  Run \`npm run release -- ${needed}\`, or undo the ${needed} changes listed above.`,
    ],
  };
}

/**
 * The gate on the project at `root`: the working spec against the newest release snapshot.
 * `released` (before publishing) also requires info.version to be that release's. Rejects with
 * a PipelineError when a version cannot be read or is lower than the last release's.
 */
export async function checkBreaking({ root = ROOT, released = false } = {}): Promise<Verdict> {
  const { version, spec } = await readVersion(root);
  const release = await latestRelease(root);
  // Before publishing (`prepublishOnly`), the version must be a release: its snapshot exists.
  // Otherwise a hand-bumped version would ship changes no snapshot or changelog records.
  if (released && version !== release.version) {
    return {
      passed: false,
      report: [],
      problems: [
        `✘ ${version} has no release snapshot (the newest is ${release.version}): ` +
          `set info.version back to it and run \`npm run release\``,
      ],
    };
  }
  return judge(await diffSince(release.file, spec, root), release, version);
}
