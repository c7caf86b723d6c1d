/**
 * `npm run check:upstream`'s verdict: whether Versori's description ("upstream") moved, since
 * the copy recorded in openapi/upstream/platform-api.yaml, in a way that the deliberate
 * differences of openapi/upstream-differences.yaml do not cover.
 *
 * The differences from our spec are found twice, from upstream as it is now and from the
 * recorded copy. Only the ones that differ between the two count: an edit of our spec changes
 * both alike, so it never fails the check; a change of Versori's fails it when it brings a
 * difference that is not listed, or takes away one that is.
 */
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import {
  DIFFERENCES_FILE,
  type KnownDifference,
  readKnownDifferences,
} from "../pipeline/known-differences.ts";
import { bundleWorkingSpec } from "../pipeline/pipeline.ts";
import { type CompareOptions, compareWireFacts, UpstreamDocumentError } from "./compare.ts";
import { loadUpstream } from "./load.ts";
import { loadRecorded, RECORDED_FILE } from "./recorded.ts";

export interface UpstreamVerdict {
  passed: boolean;
  /** What was compared, and the verdict when it passed: for stdout. */
  report: string[];
  /** One line per difference that is not listed, and per listed one that is gone: for stderr. */
  problems: string[];
}

export interface UpstreamOptions {
  root?: string;
  /** A file or an http(s) URL; the file's `source` by default. */
  source?: string | undefined;
  /** Where a relative file name is read from. */
  cwd?: string;
  /** The most bytes the description may have; DEFAULT_MAX_BYTES by default. */
  maxBytes?: number | undefined;
}

/** What a judgment compares the differences found with, besides the listed ones. */
export interface Baseline {
  /** The differences between the recorded copy of upstream and our spec. */
  recorded: string[];
  /** How upstream differs from its recorded copy, said from upstream's side. */
  moved: string[];
}

export async function checkUpstream(options: UpstreamOptions = {}): Promise<UpstreamVerdict> {
  const root = options.root ?? ROOT;
  const { source: defaultSource, known } = await readKnownDifferences(root);
  const source = options.source ?? defaultSource;
  const [upstream, recorded, bundled] = await Promise.all([
    loadUpstream(source, { cwd: options.cwd, maxBytes: options.maxBytes }),
    loadRecorded(root),
    bundleWorkingSpec(root),
  ]);
  const ours = bundled as unknown as Record<string, unknown>;
  const found = differencesOf(source, upstream, ours);
  const baseline = {
    recorded: differencesOf(RECORDED_FILE, recorded, ours),
    moved: differencesOf(source, upstream, recorded, { oursTaggedOnly: true }),
  };
  return judgeDifferences(found, known, source, baseline);
}

/** The wire differences of `theirs` from `mine`; a document that cannot be compared is named. */
export function differencesOf(
  name: string,
  theirs: Record<string, unknown>,
  mine: Record<string, unknown>,
  options?: CompareOptions,
): string[] {
  try {
    return compareWireFacts(theirs, mine, options);
  } catch (error) {
    // A document shaped unlike OpenAPI can fail the comparison anywhere: name it, never a stack.
    const why =
      error instanceof UpstreamDocumentError ? error.message : `cannot be compared: ${messageOf(error)}`;
    throw new PipelineError([`${name}: ${why}`]);
  }
}

const without = (lines: string[], others: string[]) => lines.filter((line) => !others.includes(line));

/**
 * Matches the differences found against the listed ones. With no baseline, each must be listed
 * and each listed one found. With one, only those that upstream's move brought or took away
 * count: each it brought must be listed, and none it took away may be.
 */
export function judgeDifferences(
  found: string[],
  known: KnownDifference[],
  source: string,
  baseline?: Baseline,
): UpstreamVerdict {
  const listed = known.flatMap((entry) => entry.differences);
  const before = baseline?.recorded ?? listed;
  const added = without(without(found, before), listed);
  // In the order of the file, where they are to be removed.
  const vanished = without(before, found);
  const gone = listed.filter((difference) => vanished.includes(difference));
  const problems = [
    ...added.map((difference) => `✘ ${difference}`),
    ...gone.map((difference) => `✘ a listed difference no longer exists upstream: ${difference}`),
  ];
  if (problems.length > 0) {
    problems.push(
      `Make openapi/issues.yaml match upstream, or list each new difference with its reason in ${DIFFERENCES_FILE}` +
        ` and remove the ones that no longer exist; then save upstream's description as ${RECORDED_FILE}.`,
    );
  }

  const report = [`compared the issue operations of ${source} with ours: ${found.length} difference(s)`];
  if (baseline !== undefined) report.push(...movedReport(baseline.moved, problems.length === 0));
  if (problems.length === 0) report.push(...listReport(found, listed));
  return { passed: problems.length === 0, report, problems };
}

function movedReport(moved: string[], covered: boolean): string[] {
  if (moved.length === 0)
    return [`✔ Versori's description has not changed since ${RECORDED_FILE} was recorded`];
  const lines = [
    `Versori's description changed since ${RECORDED_FILE} was recorded, in ${moved.length} way(s):`,
    ...moved.map((difference) => `  ${difference}`),
  ];
  if (covered) {
    lines.push(`✔ the differences it lists cover them: save upstream's description as ${RECORDED_FILE}`);
  }
  return lines;
}

/** Whether the list is the differences found, or behind an edit of our spec: never a failure. */
function listReport(found: string[], listed: string[]): string[] {
  const unlisted = without(found, listed);
  const stale = without(listed, found);
  if (unlisted.length === 0 && stale.length === 0) {
    return [`✔ only the ${listed.length} difference(s) that ${DIFFERENCES_FILE} lists, each with its reason`];
  }
  return [
    `note: ${DIFFERENCES_FILE} is behind edits of openapi/issues.yaml, by ${unlisted.length} difference(s)` +
      ` to list and ${stale.length} to remove: \`npm run release\` says which`,
  ];
}
