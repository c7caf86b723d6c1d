/**
 * A release: bumps info.version, package.json and package-lock.json (when there is one)
 * together, regenerates, writes the release snapshot openapi/releases/<version>.json and
 * prepends a CHANGELOG.md entry that lists each change since the last release, breaking ones
 * first. All of it, or nothing: a release that fails puts every file back, and one that is
 * killed leaves a journal from which `npm run release -- --abort` does (journal.ts).
 */
import { parseDocument, type Scalar } from "yaml";
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { type WriteOptions, writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";
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
import {
  bump,
  type Change,
  diffSince,
  type Impact,
  larger,
  latestRelease,
  readVersion,
  RELEASES_DIR,
  required,
} from "./versions.ts";

const HEADINGS: Array<[Impact, string]> = [
  ["major", "Breaking changes"],
  ["minor", "New"],
  ["patch", "Other changes"],
];

function changelogEntry(version: string, changes: Change[]): string {
  const sections = HEADINGS.flatMap(([impact, heading]) => {
    const items = changes.filter((change) => change.impact === impact);
    const marker = impact === "major" ? "**BREAKING** " : "";
    return items.length === 0
      ? []
      : [`### ${heading}\n\n${items.map((c) => `- ${marker}${c.where}: ${c.what}`).join("\n")}\n`];
  });
  const body = sections.length > 0 ? sections.join("\n") : "No changes to the API.\n";
  return `## ${version} (${new Date().toISOString().slice(0, 10)})\n\n${body}`;
}

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

/**
 * Makes a `kind` release of the working spec of the project at `root` and resolves with its
 * version and the line that reports it.
 */
export async function release(
  kind: Exclude<Impact, "none">,
  root = ROOT,
  { onStep = () => {} }: ReleaseOptions = {},
): Promise<{ version: string; report: string }> {
  await refuseUnfinishedRelease(root);
  const { version, spec } = await readVersion(root);
  const release = await latestRelease(root);
  if (version !== release.version) {
    throw new PipelineError([
      `info.version is ${version}, but the last release is ${release.version}: ` +
        `set it back and let \`npm run release\` bump it`,
    ]);
  }
  const next = bump(version, kind);
  const snapshot = `${RELEASES_DIR}/${next}.json`;
  // Everything is read, and every new text that needs no build is made, before anything is
  // written: a file that cannot be read or parsed stops the release while nothing has changed.
  const files = [SPEC_FILE, "package.json", "package-lock.json", "CHANGELOG.md", snapshot];
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
  const changes = await diffSince(release.file, spec, root);
  const needed = required(changes);
  if (larger(needed, kind) !== kind) {
    throw new PipelineError([
      ...changes.filter((c) => c.impact === needed).map((c) => `${c.impact}  ${c.where}: ${c.what}`),
      `these changes need a ${needed} release, not a ${kind} one`,
    ]);
  }
  const [title, ...rest] = (originals["CHANGELOG.md"] || "# Changelog\n").split(/(?=^## )/m);
  const changelog = [`${title!.trimEnd()}\n\n`, changelogEntry(next, changes), "\n", ...rest].join("");

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

  return {
    version: next,
    report: `released ${next}: ${changes.length} change(s); wrote ${snapshot}, CHANGELOG.md and generated/`,
  };
}
