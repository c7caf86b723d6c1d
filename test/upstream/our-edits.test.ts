/**
 * `npm run check:upstream` after ordinary edits of our spec: each of the four edits of issue 23
 * (a field, an enum value, a renamed parameter, an operation) leaves it green, because it judges
 * only how Versori's description moved since openapi/upstream/platform-api.yaml was recorded. A
 * change of Versori's still fails it, edits or not.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUpstream } from "../../tools/upstream/check.ts";
import { EDITS } from "../release/spec-edits.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";

const FIXTURE = join(REPO_ROOT, "test/upstream/fixtures/platform-api.yaml");
const UPSTREAM = readFileSync(FIXTURE, "utf8");

describe.each(["field", "enumValue", "renameParameter", "operation"] as const)(
  "after the edit %s",
  (name) => {
    let repo: TempRepo;
    beforeAll(async () => {
      repo = await createTempRepo();
      await EDITS[name](repo);
    });
    afterAll(() => repo.dispose());

    it("passes, and says the differences file is behind the edit rather than failing", async () => {
      const verdict = await checkUpstream({ root: repo.root, source: FIXTURE });
      expect(verdict.problems).toEqual([]);
      expect(verdict.passed).toBe(true);
      expect(verdict.report).toContain(
        "✔ Versori's description has not changed since openapi/upstream/platform-api.yaml was recorded",
      );
      expect(verdict.report.at(-1)).toMatch(
        /^note: openapi\/upstream-differences\.yaml is behind edits of openapi\/issues\.yaml, by \d+ difference\(s\) to list and \d+ to remove: `npm run release` says which$/,
      );
    });

    it("still fails on a change of Versori's that the listed differences do not cover", async () => {
      await repo.write(
        "upstream.yaml",
        UPSTREAM.replace("enum: [high, low, medium]", "enum: [high, low, medium, blocker]"),
      );
      const verdict = await checkUpstream({ root: repo.root, source: "upstream.yaml", cwd: repo.root });
      expect(verdict.passed).toBe(false);
      expect(verdict.problems[0]).toBe("✘ upstream adds `blocker` to `IssueSeverityEnum`");
    });
  },
);

describe("npm run check:upstream after all four edits", () => {
  it("exits 0 with nothing on stderr", async () => {
    const repo = await createTempRepo();
    try {
      for (const edit of [EDITS.field, EDITS.enumValue, EDITS.renameParameter, EDITS.operation]) {
        await edit(repo);
      }
      const result = await repo.npm("check:upstream", FIXTURE);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    } finally {
      await repo.dispose();
    }
  });

  it("fails when Versori adds the value our list says it lacks, naming the listed line to remove", async () => {
    const repo = await createTempRepo();
    try {
      await EDITS.enumValue(repo);
      await repo.write(
        "upstream.yaml",
        UPSTREAM.replace("enum: [high, low, medium]", "enum: [critical, high, low, medium]"),
      );
      const result = await repo.npm("check:upstream", "upstream.yaml");
      expect(result.code).toBe(1);
      expect(result.stderr.split("\n")[0]).toBe(
        "✘ a listed difference no longer exists upstream: upstream lacks `critical` in `IssueSeverityEnum`",
      );
    } finally {
      await repo.dispose();
    }
  });
});
