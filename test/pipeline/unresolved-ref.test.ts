/**
 * A `$ref` to nothing names its target and the nearest name that exists, wherever the target
 * was meant to be: a component of the spec, a part of the pointer on the way, or a file beside
 * it. And the edit distance that "nearest" means.
 */
import { describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { editDistance, nearestName } from "../../tools/lib/edit-distance.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";
const FIRST = '$ref: "#/components/parameters/First"';

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["First", "First", 0],
    ["", "Limit", 5],
    ["Limt", "Limit", 1], // one left out
    ["Limiit", "Limit", 1], // one too many
    ["Limet", "Limit", 1], // one replaced
    ["Frist", "First", 1], // two neighbours swapped: one slip
    ["issueStatus", "IssueStatus", 1],
    ["kitten", "sitting", 3],
  ])("%j to %j is %i", (from, to, distance) => {
    expect(editDistance(from, to)).toBe(distance);
    expect(editDistance(to, from)).toBe(distance);
  });
});

describe("nearestName", () => {
  it("takes the nearest of the names", () => {
    expect(nearestName("Limt", ["After", "Limit", "Before", "Lint"])).toBe("Limit");
  });
  it("takes the first listed of two as near", () => {
    expect(nearestName("Lmit", ["Limit", "Emit"])).toBe("Limit");
  });
  it("suggests nothing when no name is near", () => {
    expect(nearestName("PageSize", ["After", "Before", "First"])).toBeUndefined();
    expect(nearestName("X", [])).toBeUndefined();
  });
});

/** The lines the pipeline rejects with once `change` has been made to a temp copy. */
async function reportAfter(change: (repo: TempRepo) => Promise<void>): Promise<string[]> {
  const repo = await createTempRepo();
  try {
    await change(repo);
    const error = await buildOutputs({ root: repo.root }).then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(PipelineError);
    return (error as PipelineError).lines;
  } finally {
    await repo.dispose();
  }
}

/** The report's `no-unresolved-refs` lines, less their `file:line:col`. */
const unresolved = (lines: string[]) =>
  lines
    .filter((line) => line.includes(" no-unresolved-refs "))
    .map((line) => line.slice(line.indexOf(" ") + 1));

describe.concurrent("an unresolved $ref in the spec", () => {
  it("names the nearest part of the pointer when a folder on the way is misspelt", async () => {
    const lines = await reportAfter((repo) => repo.edit(SPEC, FIRST, '$ref: "#/components/paramters/First"'));
    expect(unresolved(lines)).toEqual([
      "no-unresolved-refs #/components/paramters/First does not exist: did you mean #/components/parameters/First?",
    ]);
  });

  it("says only that the target does not exist when no name is near", async () => {
    const lines = await reportAfter((repo) =>
      repo.edit(SPEC, FIRST, '$ref: "#/components/parameters/PageSize"'),
    );
    expect(unresolved(lines)).toEqual(["no-unresolved-refs #/components/parameters/PageSize does not exist"]);
  });

  it("names the nearest name in another file that the spec refers to", async () => {
    const lines = await reportAfter(async (repo) => {
      await repo.write(
        "openapi/paging.yaml",
        "First:\n  name: first\n  in: query\n  schema:\n    type: integer\n",
      );
      await repo.edit(SPEC, FIRST, '$ref: "./paging.yaml#/Frist"');
    });
    expect(unresolved(lines)).toEqual([
      "no-unresolved-refs ./paging.yaml#/Frist does not exist: did you mean First?",
    ]);
  });

  it("keeps the resolver's reason when the file itself is missing", async () => {
    const lines = await reportAfter((repo) => repo.edit(SPEC, FIRST, '$ref: "./paging.yaml#/First"'));
    expect(unresolved(lines)).toEqual([
      "no-unresolved-refs Can't resolve $ref: openapi/paging.yaml does not exist",
    ]);
  });
});
