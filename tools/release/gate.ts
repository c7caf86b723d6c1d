/**
 * The breaking-change gate's verdict: do the changes since the last release fit the version
 * bump that info.version made? `npm run check:breaking` prints it; the corpus of spec edits in
 * test/pipeline/breaking.test.ts judges each edit's changes under several versions with it.
 */
import { bump, bumpBetween, type Change, larger, required, type Version } from "./versions.ts";

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
