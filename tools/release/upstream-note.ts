/**
 * What a release says about openapi/upstream-differences.yaml: when the edit it releases adds a
 * difference from Versori's description (as recorded in openapi/upstream/platform-api.yaml) that
 * the file does not list, the exact entry to add; when it takes away a listed one, the lines to
 * delete. Nothing when the list is in step with the spec.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { ROOT } from "../lib/paths.ts";
import { DIFFERENCES_FILE, readKnownDifferences } from "../pipeline/known-differences.ts";
import { differencesOf } from "../upstream/check.ts";
import { loadRecorded, RECORDED_FILE } from "../upstream/recorded.ts";

type OpenApiDocument = Record<string, unknown>;

export interface UpstreamNote {
  /** Differences of the spec after the edit that the file does not list, in the check's words. */
  add: string[];
  /** Listed differences that the spec after the edit no longer has. */
  remove: string[];
  /** The entry to add under `known:`, indented as in the file; empty when `add` is. */
  entry: string;
  /** What the release prints: none when the file is in step with the spec. */
  lines: string[];
}

/** The reason an entry starts with, for the editor to write over: the docs show every reason. */
const REASON_TO_WRITE = "<why openapi/issues.yaml differs from Versori's description here>";

/**
 * What `after` (the spec being released) changes in the differences from Versori's description
 * that openapi/upstream-differences.yaml lists. `before` is the last release: its snapshot file
 * (relative to `root`, as `openapi/releases/2.0.0.json`) or the document itself.
 */
export async function upstreamNote(
  before: string | OpenApiDocument,
  after: OpenApiDocument,
  root = ROOT,
): Promise<UpstreamNote> {
  const [recorded, { known }, previous] = await Promise.all([
    loadRecorded(root),
    readKnownDifferences(root),
    typeof before === "string" ? readSnapshot(root, before) : before,
  ]);
  const listed = known.flatMap((entry) => entry.differences);
  const found = differencesOf(RECORDED_FILE, recorded, after);
  const add = found.filter((difference) => !listed.includes(difference));
  const remove = listed.filter((difference) => !found.includes(difference));
  const entry = add.length === 0 ? "" : entryFor(add);

  const lines: string[] = [];
  if (add.length > 0) {
    const earlier = differencesOf(RECORDED_FILE, recorded, previous);
    const fromEarlier = add.filter((difference) => earlier.includes(difference)).length;
    const ofThem = fromEarlier === 0 ? "" : ` (${fromEarlier} of them already in the last release)`;
    lines.push(
      `this release adds ${add.length} difference(s) from Versori's description (${RECORDED_FILE})${ofThem}` +
        ` that ${DIFFERENCES_FILE} does not list: add this entry under \`known:\`,` +
        " with the reason in your own words (the docs' Known discrepancies show it):",
      ...entry.trimEnd().split("\n"),
    );
  }
  if (remove.length > 0) {
    lines.push(
      `this release takes away ${remove.length} difference(s) that ${DIFFERENCES_FILE} lists: delete these lines` +
        " from it, and an entry left with no line of `differences` if its reason no longer holds:",
      ...remove.map((difference) => `      ${listItem(difference)}`),
    );
  }
  return { add, remove, entry, lines };
}

async function readSnapshot(root: string, file: string): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(join(root, file), "utf8")) as OpenApiDocument;
}

/** An entry of `known:`, as the file indents it. */
function entryFor(differences: string[]): string {
  return [
    "  - reason: |",
    `      ${REASON_TO_WRITE}`,
    "    differences:",
    ...differences.map((difference) => `      ${listItem(difference)}`),
    "",
  ].join("\n");
}

/** `- <difference>`, quoted when YAML would not read the line as itself. */
const listItem = (difference: string) => stringify([difference], { lineWidth: 0 }).trimEnd();
