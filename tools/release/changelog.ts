/**
 * CHANGELOG.md's entries, as `npm run release` writes them: the API's changes by how they affect
 * consumers, breaking ones first and marked, then the client's and the fake's in a section of
 * their own. A new entry goes on top; a redone release's entry replaces the one it had.
 */
import { type Change, type Impact, rank } from "./change.ts";

const HEADINGS: Array<[Impact, string]> = [
  ["major", "Breaking changes"],
  ["minor", "New"],
  ["patch", "Other changes"],
];
const SOURCE_HEADING = "Client and fake";
const TITLE = "# Changelog\n";

/** `- **BREAKING** where: what`. */
function item(change: Change): string {
  const marker = change.impact === "major" ? "**BREAKING** " : "";
  return `- ${marker}${[change.where, change.what].filter(Boolean).join(": ")}`;
}

/** The entry of the release `version`: `api` the spec's changes, `source` those to src/. */
export function changelogEntry(version: string, api: Change[], source: Change[], date = new Date()): string {
  const sections = HEADINGS.flatMap(([impact, heading]) => {
    const items = api.filter((change) => change.impact === impact);
    return items.length === 0 ? [] : [`### ${heading}\n\n${items.map(item).join("\n")}\n`];
  });
  if (source.length > 0) {
    const bySeverity = [...source].sort((a, b) => rank(b.impact) - rank(a.impact));
    sections.push(`### ${SOURCE_HEADING}\n\n${bySeverity.map(item).join("\n")}\n`);
  }
  const unchanged =
    api.length > 0
      ? []
      : source.length > 0
        ? ["The API is unchanged: this release changes the client and the fake.\n"]
        : ["No changes to the API, the client or the fake.\n"];
  return `## ${version} (${date.toISOString().slice(0, 10)})\n\n${[...unchanged, ...sections].join("\n")}`;
}

/** The entries' heading: `## 2.1.0 (2026-12-03)`. */
const isHeadingOf = (part: string, version: string) => part.startsWith(`## ${version} (`);

/**
 * The changelog `text` (or a new one) with `entry` on top. When `replacing` names a version, that
 * version's entry is removed first: a redone release has one entry, with what it now holds.
 */
export function withEntry(text: string | null, entry: string, replacing?: string): string {
  const [title, ...entries] = (text || TITLE).split(/(?=^## )/m);
  const kept = entries.filter((part) => replacing === undefined || !isHeadingOf(part, replacing));
  return [`${title!.trimEnd()}\n\n`, entry, "\n", ...kept].join("");
}

/** The lines of `version`'s entry in `text` that `entry` does not have: for a redo to report. */
export function linesDropped(text: string | null, version: string, entry: string): string[] {
  const old = (text ?? "").split(/(?=^## )/m).find((part) => isHeadingOf(part, version));
  if (old === undefined) return [];
  const now = new Set(entry.split("\n"));
  return old
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "" && !line.startsWith("### ") && !now.has(line));
}
