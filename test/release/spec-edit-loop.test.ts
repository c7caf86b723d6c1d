/**
 * The API team's loop, end to end, for each ordinary edit of the spec: edit openapi/issues.yaml,
 * `npm run generate`, `npm run release -- <kind>`, then `npm test`'s checks and the tests that
 * hold the spec's decisions and its coverage by the fake and the client. Each edit ends green,
 * or fails with a message that names the file to change.
 *
 * Each case works on its own temp copy of the repository, tests and README included, with a
 * type-check cache of its own so that the copy's run leaves this repository's cache alone.
 *
 * It runs the project's own scripts, which behave the same on every Node, for about a minute:
 * `npm run test:matrix` runs it on the first Node only (vitest.config.ts).
 */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunResult } from "../support/run.ts";
import { runCommand } from "../support/run.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";
import { EDITS, ENUM_VALUE_STEPS } from "./spec-edits.ts";

const SPEC_TESTS = [
  "test/spec/facts.test.ts",
  "test/spec/operation-coverage.test.ts",
  "test/testing/fake-spec-coverage.test.ts",
];

/** What `npm test` reads besides what a temp copy holds: the tests and their configuration. */
const ALSO_COPIED = [
  "test",
  "vitest.config.ts",
  "biome.jsonc",
  ".prettierrc.json",
  ".prettierignore",
  ".editorconfig",
  "CONTRIBUTING.md",
  "PERFORMANCE.md",
];

type Edit = (repo: TempRepo) => Promise<void>;

interface Case {
  edit: keyof typeof EDITS;
  release: "major" | "minor";
  /** Files a failing run must name: none for an edit that ends green. */
  names: string[];
  /**
   * The edit made in two saves: the first leaves text stale, which `npm run generate` refuses
   * naming the spec's file:line (`names`), and the second brings the text up to date.
   */
  stale?: { first: Edit; names: string[]; fix: Edit };
}

const CASES: Case[] = [
  { edit: "field", release: "minor", names: [] },
  {
    edit: "enumValue",
    release: "major",
    names: [],
    stale: {
      first: ENUM_VALUE_STEPS.value,
      names: ["openapi/issues.yaml:", "issues/enum-prose", "leaves out `info`"],
      fix: ENUM_VALUE_STEPS.prose,
    },
  },
  { edit: "renameParameter", release: "major", names: ["src/testing/list-rules.ts"] },
  { edit: "operation", release: "minor", names: ["src/testing/operations.ts"] },
];

const repos: TempRepo[] = [];
afterAll(async () => {
  await Promise.all(repos.map((repo) => repo.dispose()));
});

async function copyForTheLoop(): Promise<TempRepo> {
  const repo = await createTempRepo();
  repos.push(repo);
  for (const name of ALSO_COPIED) {
    await cp(join(REPO_ROOT, name), join(repo.root, name), { recursive: true });
  }
  await repo.edit(
    "package.json",
    "--tsBuildInfoFile node_modules/.cache/typecheck.tsbuildinfo",
    "--tsBuildInfoFile .cache/typecheck.tsbuildinfo",
  );
  await repo.write(".prettierignore", `${await repo.read(".prettierignore")}\n.cache/\n`);
  return repo;
}

const output = (result: RunResult) => `${result.stdout}\n${result.stderr}`;

describe.each(CASES)("the edit $edit, released as $release", ({ edit, release, names, stale }) => {
  it(
    names.length === 0 ? "ends green" : `fails naming ${names.join(", ")}`,
    async () => {
      const repo = await copyForTheLoop();
      await (stale?.first ?? EDITS[edit])(repo);
      if (stale) {
        const refused = await repo.npm("generate");
        expect(refused.code, output(refused)).toBe(1);
        for (const name of stale.names) expect(output(refused)).toContain(name);
        await stale.fix(repo);
      }

      const generate = await repo.npm("generate");
      expect(generate.code, output(generate)).toBe(0);
      const released = await repo.npm("release", release);
      expect(released.code, output(released)).toBe(0);

      const checks = await runCommand("node", ["tools/launch/run.mjs", "checks"], {
        cwd: repo.root,
        env: { DEBUG: "" },
      });
      const tests = await runCommand("node_modules/.bin/vitest", ["run", ...SPEC_TESTS], {
        cwd: repo.root,
        env: { DEBUG: "", CI: "true" },
      });
      const seen = `${output(checks)}\n${output(tests)}`;
      console.log(`── ${edit}: checks exit ${checks.code}, spec tests exit ${tests.code}`);

      if (names.length === 0) {
        expect(checks.code, output(checks)).toBe(0);
        expect(tests.code, output(tests)).toBe(0);
      } else {
        expect(checks.code + tests.code, seen).toBeGreaterThan(0);
        for (const name of names) expect(seen).toContain(name);
      }
    },
    240_000,
  );
});
