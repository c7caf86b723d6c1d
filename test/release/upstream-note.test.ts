/**
 * What `npm run release` says about openapi/upstream-differences.yaml (tools/release/upstream-note.ts):
 * nothing when an edit leaves the differences from Versori's recorded description as listed;
 * otherwise the exact entry to add, or the lines to remove. Pasting what it says makes it say
 * nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKnownDifferences } from "../../tools/pipeline/known-differences.ts";
import { bundleWorkingSpec } from "../../tools/pipeline/pipeline.ts";
import { upstreamNote } from "../../tools/release/upstream-note.ts";
import { latestRelease } from "../../tools/release/versions.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";
import { EDITS } from "./spec-edits.ts";

const FILE = "openapi/upstream-differences.yaml";
const LIST = "`GET /o/{organisation_id}/issues`";
const bundle = async (root: string) => (await bundleWorkingSpec(root)) as unknown as Record<string, unknown>;
const before = await bundle(REPO_ROOT);

it("says nothing when the spec did not move", async () => {
  const note = await upstreamNote(before, before, REPO_ROOT);
  expect(note).toEqual({ add: [], remove: [], entry: "", lines: [] });
});

it("takes the release snapshot the release tool has, by its file", async () => {
  const { file } = await latestRelease(REPO_ROOT);
  expect((await upstreamNote(file, before, REPO_ROOT)).lines).toEqual([]);
});

describe.each([
  ["field", ["upstream lacks property `assignee` in `Issue`"]],
  ["enumValue", ["upstream lacks `info` in `IssueSeverityEnum`"]],
  [
    "renameParameter",
    [
      `upstream adds query parameter \`first\` to ${LIST}`,
      `upstream lacks query parameter \`limit\` of ${LIST}`,
    ],
  ],
  ["operation", ["upstream lacks `GET /o/{organisation_id}/issues/{issue_id}`"]],
] as const)("after the edit %s", (name, added) => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo();
    await EDITS[name](repo);
  });
  afterAll(() => repo.dispose());

  it("names each new difference, and the entry that lists it", async () => {
    const note = await upstreamNote(before, await bundle(repo.root), repo.root);
    expect(note.add).toEqual(added);
    expect(note.remove).toEqual([]);
    expect(note.lines[0]).toBe(
      `this release adds ${added.length} difference(s) from Versori's description ` +
        `(openapi/upstream/platform-api.yaml) that ${FILE} does not list: add this entry under \`known:\`, ` +
        "with the reason in your own words (the docs' Known discrepancies show it):",
    );
    expect(note.lines.slice(1).join("\n")).toBe(note.entry.trimEnd());
    expect(note.entry).toBe(
      [
        "  - reason: |",
        "      <why openapi/issues.yaml differs from Versori's description here>",
        "    differences:",
        ...added.map((line) => `      - ${line}`),
        "",
      ].join("\n"),
    );
  });

  it("says nothing more once the entry is in the file", async () => {
    const note = await upstreamNote(before, await bundle(repo.root), repo.root);
    const text = `${await repo.read(FILE)}\n${note.entry}`;
    const listed = parseKnownDifferences(text).known.at(-1)!.differences;
    expect(listed).toEqual(added);
    await repo.write(FILE, text);
    expect((await upstreamNote(before, await bundle(repo.root), repo.root)).lines).toEqual([]);
  });
});

it("names a listed difference that an edit takes away, as the line to delete", async () => {
  const repo = await createTempRepo();
  try {
    const gone =
      "upstream says `CreateIssue` may hold properties it does not list; ours, that it holds no properties it does not list";
    await repo.edit(
      "openapi/issues.yaml",
      "        field fails validation instead of being silently dropped.\n      additionalProperties: false\n",
      "        field fails validation instead of being silently dropped.\n",
    );
    const note = await upstreamNote(before, await bundle(repo.root), repo.root);
    expect(note.add).toEqual([]);
    expect(note.remove).toEqual([gone]);
    expect(note.lines).toEqual([
      `this release takes away 1 difference(s) that ${FILE} lists: delete these lines from it, and an entry left with no line of \`differences\` if its reason no longer holds:`,
      `      - ${gone}`,
    ]);
  } finally {
    await repo.dispose();
  }
});
