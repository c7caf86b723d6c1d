/**
 * A release: bumps info.version, package.json and package-lock.json (when there is one)
 * together, regenerates, writes the release snapshot openapi/releases/<version>.json and
 * prepends a CHANGELOG.md entry that lists each change since the last release, breaking ones
 * first, then those to the client and the fake (changelog.ts). All of it, or nothing: a release
 * that fails puts every file back, and one that is killed leaves a journal from which
 * `npm run release -- --abort` does (journal.ts). A release made again before it is tagged is
 * the same work on another plan (redo.ts).
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument, type Scalar } from "yaml";
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { type WriteOptions, writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";
import { changelogEntry, linesDropped, withEntry } from "./changelog.ts";
import {
  ABORT,
  endJournal,
  generatedNow,
  type Journal,
  readIfPresent,
  refuseUnfinishedRelease,
  startJournal,
  undo,
  writeWhole,
} from "./journal.ts";
import { sourceChangesSince } from "./source-changes.ts";
import {
  bump,
  diffSince,
  type Impact,
  larger,
  latestRelease,
  readVersion,
  RELEASES_DIR,
  required,
  type Version,
} from "./versions.ts";
import { upstreamNote } from "./upstream-note.ts";

/** `file`'s JSON with its version, and its lockfile's root package's, set to `version`. */
function withVersion(file: string, text: string, version: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PipelineError([`${file} is not valid JSON: ${messageOf(error)}`]);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new PipelineError([`${file} is not a JSON object`]);
  }
  const manifest = json as { version?: string; packages?: Record<string, { version?: string }> };
  manifest.version = version;
  if (manifest.packages?.[""]) manifest.packages[""].version = version;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The spec's text with info.version set to `version`, and nothing else changed. */
function specWithVersion(text: string, version: string): string {
  // The version node's own range in the YAML: blank lines, comments and layout stay as they are.
  const node = parseDocument(text).getIn(["info", "version"], true) as Scalar | undefined;
  if (!node?.range) throw new PipelineError([`${SPEC_FILE}: no info.version to bump`]);
  return text.slice(0, node.range[0]) + version + text.slice(node.range[1]);
}

export interface ReleaseOptions {
  /**
   * Called, and awaited, before each change the release makes to the files (`write
   * package.json`, `build`, then generate's write steps as `generated: swap issues.ts`): a
   * test stops the release there.
   */
  onStep?: WriteOptions["onStep"];
}

export type ReleaseKind = Exclude<Impact, "none">;

/** What a release makes: `next`, from the changes since the release `since`. */
export interface ReleasePlan {
  kind: ReleaseKind;
  since: { version: Version; file: string };
  next: Version;
  /** The untagged release that `next` takes the place of (redo.ts): its snapshot and entry go. */
  replacing?: Version;
  /** What to run instead when the changes need a bigger release than `kind`. */
  instead: (needed: ReleaseKind) => string;
}

/**
 * Makes a `kind` release of the working spec of the project at `root` and resolves with its
 * version and the line that reports it.
 */
export async function release(
  kind: ReleaseKind,
  root = ROOT,
  options: ReleaseOptions = {},
): Promise<{ version: string; report: string }> {
  await refuseUnfinishedRelease(root);
  const { version } = await readVersion(root);
  const since = await latestRelease(root);
  if (version !== since.version) {
    throw new PipelineError([
      `info.version is ${version}, but the last release is ${since.version}: ` +
        `set it back and let \`npm run release\` bump it`,
    ]);
  }
  const plan = {
    kind,
    since,
    next: bump(version, kind),
    instead: (needed: ReleaseKind) => `npm run release -- ${needed}`,
  };
  return makeRelease(plan, root, options);
}

/** Makes the release `plan` describes, all or nothing, once the checks of its kind have passed. */
export async function makeRelease(
  { kind, since, next, replacing, instead }: ReleasePlan,
  root = ROOT,
  { onStep = () => {} }: ReleaseOptions = {},
): Promise<{ version: string; report: string }> {
  const { spec } = await readVersion(root);
  const snapshot = `${RELEASES_DIR}/${next}.json`;
  const replaced =
    replacing !== undefined && replacing !== next ? `${RELEASES_DIR}/${replacing}.json` : undefined;
  // Everything is read, and every new text that needs no build is made, before anything is
  // written: a file that cannot be read or parsed stops the release while nothing has changed.
  const files = [
    SPEC_FILE,
    "package.json",
    "package-lock.json",
    "CHANGELOG.md",
    snapshot,
    ...(replaced ? [replaced] : []),
  ];
  const originals = Object.fromEntries(
    await Promise.all(files.map(async (file) => [file, await readIfPresent(root, file)] as const)),
  );
  const bumped = new Map<string, string>();
  bumped.set(SPEC_FILE, specWithVersion(originals[SPEC_FILE] ?? "", next));
  for (const file of ["package.json", "package-lock.json"]) {
    // Without a lockfile there is none to bump, and none is made.
    const text = originals[file];
    if (text != null) bumped.set(file, withVersion(file, text, next));
  }

  // The current spec must build cleanly before anything is touched, and before its changes are
  // judged: judging them compiles its types, and a spec the lint refuses would be judged wrongly.
  await buildOutputs({ root });
  const changes = await diffSince(since.file, spec, root);
  // Said after the release, not refused: the editor writes the reason the docs show.
  const { lines: upstreamLines } = await upstreamNote(since.file, spec, root);
  const source = await sourceChangesSince(root, since);
  const needed = required([...changes, ...source]);
  if (larger(needed, kind) !== kind) {
    throw new PipelineError([
      ...[...changes, ...source]
        .filter((c) => c.impact === needed)
        .map((c) => `${c.impact}  ${[c.where, c.what].filter(Boolean).join(": ")}`),
      `these changes need a ${needed} release, not a ${kind} one: run \`${instead(needed as ReleaseKind)}\``,
    ]);
  }
  const entry = changelogEntry(next, changes, source);
  const changelog = withEntry(originals["CHANGELOG.md"] ?? null, entry, replacing);

  const journal: Journal = { version: next, files: originals, generated: await generatedNow(root) };
  await onStep("journal");
  await startJournal(root, journal);
  try {
    for (const [file, content] of bumped) {
      await onStep(`write ${file}`);
      await writeWhole(root, file, content);
    }
    await onStep("build");
    const outputs = await buildOutputs({ root });
    await onStep(`write ${snapshot}`);
    await writeWhole(root, snapshot, outputs.get("openapi.json")!);
    if (replaced) {
      await onStep(`remove ${replaced}`);
      await rm(join(root, replaced), { force: true });
    }
    await onStep("write CHANGELOG.md");
    await writeWhole(root, "CHANGELOG.md", changelog);
    await writeOutputs(root, outputs, { onStep: (step) => onStep(`generated: ${step}`) });
    await onStep("finish");
    await endJournal(root);
  } catch (error) {
    const lines = error instanceof PipelineError ? error.lines : [`error: ${messageOf(error)}`];
    try {
      await undo(root, journal);
    } catch (undoError) {
      throw new PipelineError([
        ...lines,
        `putting the files back failed too (${messageOf(undoError)}): run \`${ABORT}\` to finish undoing it`,
      ]);
    }
    throw new PipelineError([...lines, `nothing was released: every file is as it was`]);
  }

  const count = `${changes.length} change(s) to the API, ${source.length} to the client and the fake`;
  const wrote = `wrote ${[snapshot, "CHANGELOG.md", "generated/"].join(", ")}`;
  if (replacing === undefined) {
    return { version: next, report: [`released ${next}: ${count}; ${wrote}`, ...upstreamLines].join("\n") };
  }
  const inPlace = replaced ? `, in place of ${replacing} (removed ${replaced})` : "";
  // Lines written by hand under the old entry are not in the new one: say which, to add again.
  const dropped = linesDropped(originals["CHANGELOG.md"] ?? null, replacing, entry).map(
    (line) => `  ${line}`,
  );
  return {
    version: next,
    report: [
      `released ${next} again${inPlace}: ${count}; ${wrote}`,
      ...(dropped.length > 0
        ? [`the ${replacing} entry no longer has these lines (add back any written by hand):`, ...dropped]
        : []),
      ...upstreamLines,
    ].join("\n"),
  };
}
