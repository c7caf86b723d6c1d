/**
 * A release: bumps info.version and package.json together, regenerates, writes the release
 * snapshot openapi/releases/<version>.json and prepends a CHANGELOG.md entry that lists each
 * change since the last release, breaking ones first. All of it, or nothing.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument, type Scalar } from "yaml";
import { PipelineError } from "../lib/command.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";
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

/**
 * Makes a `kind` release of the working spec of the project at `root` and resolves with its
 * version and the line that reports it.
 */
export async function release(
  kind: Exclude<Impact, "none">,
  root = ROOT,
): Promise<{ version: string; report: string }> {
  const read = (file: string) => readFile(join(root, file), "utf8").catch(() => "");
  const write = (file: string, content: string) => writeFile(join(root, file), content);
  const { version, spec } = await readVersion(root);
  const release = await latestRelease(root);
  if (version !== release.version) {
    throw new PipelineError([
      `info.version is ${version}, but the last release is ${release.version}: ` +
        `set it back and let \`npm run release\` bump it`,
    ]);
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
  const next = bump(version, kind);

  const files = [SPEC_FILE, "package.json", "package-lock.json", "CHANGELOG.md"];
  const originals = new Map(await Promise.all(files.map(async (file) => [file, await read(file)] as const)));
  const snapshot = `${RELEASES_DIR}/${next}.json`;
  try {
    // The version node's own range in the YAML: blank lines, comments and layout stay as they are.
    const text = originals.get(SPEC_FILE)!;
    const node = parseDocument(text).getIn(["info", "version"], true) as Scalar | undefined;
    if (!node?.range) throw new PipelineError([`${SPEC_FILE}: no info.version to bump`]);
    await write(SPEC_FILE, text.slice(0, node.range[0]) + next + text.slice(node.range[1]));
    const outputs = await buildOutputs({ root });
    for (const file of ["package.json", "package-lock.json"]) {
      const json = JSON.parse(originals.get(file)!);
      json.version = next;
      if (json.packages?.[""]) json.packages[""].version = next;
      await write(file, `${JSON.stringify(json, null, 2)}\n`);
    }
    await write(snapshot, outputs.get("openapi.json")!);
    const [title, ...rest] = (originals.get("CHANGELOG.md") || "# Changelog\n").split(/(?=^## )/m);
    await write(
      "CHANGELOG.md",
      [`${title!.trimEnd()}\n\n`, changelogEntry(next, changes), "\n", ...rest].join(""),
    );
    await writeOutputs(root, outputs); // last: it leaves generated/ whole or as it was
  } catch (error) {
    // A release happens whole or not at all.
    for (const [file, content] of originals) await write(file, content);
    await rm(join(root, snapshot), { force: true });
    throw error;
  }

  return {
    version: next,
    report: `released ${next}: ${changes.length} change(s); wrote ${snapshot}, CHANGELOG.md and generated/`,
  };
}
