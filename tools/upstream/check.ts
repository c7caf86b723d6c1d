/**
 * `npm run check:upstream`'s verdict: the wire differences between Versori's description and
 * ours, matched against the deliberate ones that openapi/upstream-differences.yaml lists.
 */
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import {
  DIFFERENCES_FILE,
  type KnownDifference,
  readKnownDifferences,
} from "../pipeline/known-differences.ts";
import { bundleWorkingSpec } from "../pipeline/pipeline.ts";
import { compareWireFacts, UpstreamDocumentError } from "./compare.ts";
import { loadUpstream } from "./load.ts";

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

export async function checkUpstream(options: UpstreamOptions = {}): Promise<UpstreamVerdict> {
  const root = options.root ?? ROOT;
  const { source: defaultSource, known } = await readKnownDifferences(root);
  const source = options.source ?? defaultSource;
  const [upstream, ours] = await Promise.all([
    loadUpstream(source, { cwd: options.cwd, maxBytes: options.maxBytes }),
    bundleWorkingSpec(root),
  ]);

  let found: string[];
  try {
    found = compareWireFacts(upstream, ours as unknown as Record<string, unknown>);
  } catch (error) {
    // A document shaped unlike OpenAPI can fail the comparison anywhere: name it, never a stack.
    const why =
      error instanceof UpstreamDocumentError ? error.message : `cannot be compared: ${messageOf(error)}`;
    throw new PipelineError([`${source}: ${why}`]);
  }

  return judgeDifferences(found, known, source);
}

/** Matches the differences found against the listed ones: each must be listed, and each listed one found. */
export function judgeDifferences(found: string[], known: KnownDifference[], source: string): UpstreamVerdict {
  const listed = known.flatMap((entry) => entry.differences);
  const added = found.filter((difference) => !listed.includes(difference));
  const gone = listed.filter((difference) => !found.includes(difference));
  const problems = [
    ...added.map((difference) => `✘ ${difference}`),
    ...gone.map((difference) => `✘ a listed difference no longer exists upstream: ${difference}`),
  ];
  if (problems.length > 0) {
    problems.push(
      `Make openapi/issues.yaml match upstream, or list each new difference with its reason in ${DIFFERENCES_FILE};` +
        " remove the ones that no longer exist.",
    );
  }
  const report = [`compared the issue operations of ${source} with ours: ${found.length} difference(s)`];
  if (problems.length === 0) {
    report.push(
      `✔ only the ${listed.length} difference(s) that ${DIFFERENCES_FILE} lists, each with its reason`,
    );
  }
  return { passed: problems.length === 0, report, problems };
}
