/**
 * `npm run release -- <major|minor|patch>`: bumps info.version and package.json together,
 * regenerates, writes the release snapshot openapi/releases/<version>.json and prepends a
 * CHANGELOG.md entry that lists each change since the last release, breaking ones first.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeOutputs } from "./outputs.ts";
import { buildOutputs, PipelineError, ROOT, runMain, SPEC_FILE } from "./pipeline.ts";
import {
  bump,
  type Change,
  diffSince,
  formatVersion,
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

runMain(async () => {
  const kind = process.argv[2];
  if (kind !== "major" && kind !== "minor" && kind !== "patch") {
    throw new PipelineError(["usage: npm run release -- <major|minor|patch>"]);
  }
  const { version, spec } = await readVersion();
  const release = await latestRelease();
  if (formatVersion(version) !== formatVersion(release.version)) {
    throw new PipelineError([
      `info.version is ${formatVersion(version)}, but the last release is ${formatVersion(release.version)}: ` +
        `set it back and let \`npm run release\` bump it`,
    ]);
  }
  const changes = await diffSince(release.file, spec);
  const needed = required(changes);
  if (larger(needed, kind) !== kind) {
    throw new PipelineError([
      ...changes.filter((c) => c.impact === needed).map((c) => `${c.impact}  ${c.where}: ${c.what}`),
      `these changes need a ${needed} release, not a ${kind} one`,
    ]);
  }
  const next = formatVersion(bump(version, kind));

  const specPath = join(ROOT, SPEC_FILE);
  const text = await readFile(specPath, "utf8");
  const versionLine = /^(info:\n(?:[ \t].*\n)*?[ \t]+version:[ \t]*)(\S+)/m;
  if (!versionLine.test(text)) throw new PipelineError([`${SPEC_FILE}: no info.version line to bump`]);
  await writeFile(specPath, text.replace(versionLine, `$1${next}`));
  for (const file of ["package.json", "package-lock.json"]) {
    const json = JSON.parse(await readFile(join(ROOT, file), "utf8"));
    json.version = next;
    if (json.packages?.[""]) json.packages[""].version = next;
    await writeFile(join(ROOT, file), `${JSON.stringify(json, null, 2)}\n`);
  }

  const outputs = await buildOutputs({ root: ROOT });
  await writeOutputs(ROOT, outputs);
  const snapshot = `${RELEASES_DIR}/${next}.json`;
  await writeFile(join(ROOT, snapshot), outputs.get("openapi.json")!);

  const changelog = join(ROOT, "CHANGELOG.md");
  const previous = await readFile(changelog, "utf8").catch(() => "# Changelog\n");
  const [title, ...rest] = previous.split(/(?=^## )/m);
  await writeFile(
    changelog,
    [title!.trimEnd() + "\n\n", changelogEntry(next, changes), "\n", ...rest].join(""),
  );

  console.log(
    `released ${next}: ${changes.length} change(s); wrote ${snapshot}, CHANGELOG.md and generated/`,
  );
});
