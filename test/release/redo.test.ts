/**
 * `npm run release -- --redo`: a release that was never tagged is made again after another
 * edit, with the same version, its snapshot and its CHANGELOG.md entry replaced, and refused
 * once its tag exists. Each case runs the real release CLI in a committed temp copy.
 *
 * A minute of git and the project's own scripts, which behave the same on every Node:
 * `npm run test:matrix` runs it on the first Node only (vitest.config.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RELEASES_DIR, versionAfter } from "../support/spec-facts.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";
import { EDITS, newestEntry } from "./spec-edits.ts";

/** The versions the redone releases take, and what the repository holds before them. */
const MINOR = versionAfter("minor");
const MAJOR = versionAfter("major");
const SNAPSHOTS = readdirSync(join(REPO_ROOT, RELEASES_DIR)).sort();
const HEADINGS = readFileSync(join(REPO_ROOT, "CHANGELOG.md"), "utf8").match(/^## \S+/gm) ?? [];

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
  await repo.commitAll("before");
});
afterEach(() => repo.dispose());

/** Runs `npm run release -- <args>` and expects it to succeed. */
async function releases(...args: string[]): Promise<string> {
  const result = await repo.npm("release", ...args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}
const snapshots = async () => (await readdir(join(repo.root, "openapi/releases"))).sort();
const headings = async () => (await repo.read("CHANGELOG.md")).match(/^## \S+/gm);
const commit = (message: string) =>
  repo.git("add", "--all").then(() => repo.git("commit", "--quiet", "--message", message));

describe("npm run release -- --redo", () => {
  it("after a fixed description, makes the untagged release again: the same version, its snapshot and entry replaced", async () => {
    await EDITS.field(repo);
    await releases("minor");
    await commit(`Release ${MINOR}`);
    await EDITS.description(repo);

    const stdout = await releases("--redo");
    expect(stdout.startsWith(`released ${MINOR} again: `)).toBe(true);
    expect(JSON.parse(await repo.read("package.json")).version).toBe(MINOR);
    expect(await snapshots()).toEqual([...SNAPSHOTS, `${MINOR}.json`].sort());
    const snapshot = JSON.parse(await repo.read(`openapi/releases/${MINOR}.json`));
    expect(snapshot.paths["/o/{organisation_id}/issues"].get.description).toContain(
      "Returns one page of the issues of the organisation",
    );
    expect(await headings()).toEqual([`## ${MINOR}`, ...HEADINGS]);
    const entry = newestEntry(await repo.read("CHANGELOG.md"));
    expect(entry).toContain("`Issue.assignee` added");
    expect(entry).toContain("- ListIssues: its `description` changed.");
    // The release it makes passes the gate, as the first one did.
    expect((await repo.npm("check:breaking")).code).toBe(0);
  });

  it("four edits in a row spend one version: a redo that needs a bigger release says how, and makes it", async () => {
    await EDITS.field(repo);
    await releases("minor");
    await EDITS.enumValue(repo);
    const refused = await repo.npm("release", "--redo");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "these changes need a major release, not a minor one: run `npm run release -- --redo major`",
    );
    expect(await snapshots()).toEqual([...SNAPSHOTS, `${MINOR}.json`].sort());

    expect(await releases("--redo", "major")).toMatch(
      /^released 3\.0\.0 again, in place of 2\.1\.0 \(removed openapi\/releases\/2\.1\.0\.json\): /,
    );
    await EDITS.renameParameter(repo);
    await releases("--redo");
    await EDITS.operation(repo);
    await releases("--redo");

    expect(JSON.parse(await repo.read("package.json")).version).toBe(MAJOR);
    expect(await snapshots()).toEqual([...SNAPSHOTS, `${MAJOR}.json`].sort());
    expect(await headings()).toEqual([`## ${MAJOR}`, ...HEADINGS]);
    const entry = newestEntry(await repo.read("CHANGELOG.md"));
    for (const said of [
      "`Issue.assignee` added",
      "'info'",
      "renamed to `limit`",
      "GetIssue: a new operation",
    ]) {
      expect(entry).toContain(said);
    }
  });

  it("refuses once the release is tagged, saying why and what to run, and changes nothing", async () => {
    await EDITS.field(repo);
    await releases("minor");
    await commit(`Release ${MINOR}`);
    await releases("--tag");
    await EDITS.description(repo);
    const before = await repo.git("status", "--porcelain");

    const result = await repo.npm("release", "--redo");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `v${MINOR} exists: ${MINOR} was tagged, and may be published, so it is never made again. ` +
        "Make a new release instead: npm run release -- <major|minor|patch>\n",
    );
    expect(await repo.git("status", "--porcelain")).toBe(before);
    expect(await snapshots()).toEqual([...SNAPSHOTS, `${MINOR}.json`].sort());
  });

  it("names each line of the old entry that the new one lacks, such as one written by hand", async () => {
    await EDITS.field(repo);
    await releases("minor");
    const byHand = "- ListIssues now answers within a second. (Added by hand.)";
    await repo.edit(
      "CHANGELOG.md",
      "responses may now include it.\n",
      `responses may now include it.\n${byHand}\n`,
    );
    await EDITS.description(repo);

    const stdout = await releases("--redo");
    expect(stdout).toContain(
      `the ${MINOR} entry no longer has these lines (add back any written by hand):\n  ${byHand}\n`,
    );
    expect(await repo.read("CHANGELOG.md")).not.toContain(byHand);
  });

  it("refuses an argument after its kind, naming it", async () => {
    const result = await repo.npm("release", "--redo", "minor", "now");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^unexpected argument "now": usage: npm run release -- /);
  });
});
