/**
 * The CHANGELOG.md entry `npm run release` writes, read as a consumer reads it: operations by
 * their operationId and types by their names, never a JSON pointer; a renamed parameter as one
 * change, not the components it moved between; and the client's and the fake's changes in a
 * section of their own. Each case edits a committed temp copy and runs the real release CLI.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";
import { versionAfter } from "../support/spec-facts.ts";
import { EDITS, newestEntry } from "./spec-edits.ts";

/** The versions the next releases take, from the last release: the tests pass after any. */
const PATCH = versionAfter("patch");
const MINOR = versionAfter("minor");
const DATE = /\(\d{4}-\d{2}-\d{2}\)/;

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
  await repo.commitAll("before");
});
afterEach(() => repo.dispose());

/** Runs `npm run release -- <kind>`, expects it to succeed, and resolves with the new entry. */
async function released(kind: string): Promise<string> {
  const result = await repo.npm("release", kind);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return newestEntry(await repo.read("CHANGELOG.md")).replace(DATE, "(today)");
}

describe("the changelog of npm run release", () => {
  it("names a new operation by its operationId, with no JSON pointer", async () => {
    await EDITS.operation(repo);
    const entry = await released("minor");
    expect(entry).not.toContain("#/");
    expect(entry).not.toContain("~1");
    expect(entry).toBe(
      `## ${MINOR} (today)` +
        "\n\n### New\n\n" +
        "- GetIssue: a new operation, GET /o/{organisation_id}/issues/{issue_id} (Get an issue).",
    );
  });

  it("reads a renamed parameter as the parameter renamed on its operation, without the component churn", async () => {
    await EDITS.renameParameter(repo);
    const entry = await released("major");
    expect(entry).not.toMatch(/`First` removed|`Limit` added|components\.parameters/);
    expect(entry).toContain("ListIssues, query parameter `first`: renamed to `limit`.");
    // The exported type's rename is said once, with the parameter's.
    expect(entry.match(/ParameterFirst/g)).toHaveLength(1);
    expect(entry).toContain("`ParameterFirst` is now `ParameterLimit`");
    expect(entry).not.toContain("is no longer exported");
  });

  it("names a changed description by the operation and the part it describes", async () => {
    await EDITS.description(repo);
    const entry = await released("patch");
    expect(entry).toBe(
      `## ${PATCH} (today)\n\n### Other changes\n\n- ListIssues: its \`description\` changed.`,
    );
  });

  it("a release that only adds a client method says so, in a section of its own, and is a minor one", async () => {
    await repo.edit(
      "src/client.ts",
      "  /** Creates an issue.",
      "  /** The first page of open issues. */\n  openIssues(options?: CallOptions): Promise<Issue[]>;\n  /** Creates an issue.",
    );
    await repo.edit(
      "src/client.ts",
      "    list: async (query = {}, options) => (await listPage(query, options)).data,\n",
      '    list: async (query = {}, options) => (await listPage(query, options)).data,\n\n    openIssues: (options) => client.list({ status: "open" }, options),\n',
    );
    const patch = await repo.npm("release", "patch");
    expect(patch.code).toBe(1);
    expect(patch.stderr).toContain("these changes need a minor release, not a patch one");

    const entry = await released("minor");
    expect(entry).not.toContain("No changes to the API.");
    expect(entry).toBe(
      `## ${MINOR} (today)` +
        "\n\nThe API is unchanged: this release changes the client and the fake.\n\n" +
        "### Client and fake\n\n" +
        "- `IssuesClient.openIssues` added: a new method of the client.\n" +
        "- Changed without a commit of its own: src/client.ts.",
    );
  });

  it("a release with nothing changed says that neither the API, the client nor the fake did", async () => {
    expect(await released("patch")).toBe(
      `## ${PATCH} (today)\n\nNo changes to the API, the client or the fake.`,
    );
  });

  it("a spec edit that leaves src/ alone has no client and fake section", async () => {
    await EDITS.field(repo);
    const entry = await released("minor");
    expect(entry).not.toContain("Client and fake");
    expect(entry).toBe(
      `## ${MINOR} (today)` +
        "\n\n### New\n\n" +
        "- `Issue`, returned by ListIssues, CreateIssue and UpdateIssue: `Issue.assignee` added: responses may now include it.",
    );
  });
});
