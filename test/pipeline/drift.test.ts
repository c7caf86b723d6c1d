import { execFileSync } from "node:child_process";
import { chmod, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareOutputs, driftSummary, readGenerated, writeOutputs } from "../../tools/pipeline/outputs.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
});
afterEach(async () => {
  await repo.dispose();
});

const GENERATED = ["issues.ts", "openapi.dereferenced.json", "openapi.json"];

/** The copy's generated/ holds exactly the committed files, byte for byte: what `check` passes. */
async function expectCommittedOutputs() {
  expect((await readdir(join(repo.root, "generated"))).sort()).toEqual(GENERATED);
  for (const name of GENERATED) {
    expect(await repo.read(`generated/${name}`)).toBe(
      await readFile(join(REPO_ROOT, "generated", name), "utf8"),
    );
  }
}

describe("npm run check (the drift gate)", () => {
  it("passes when generated/ matches the spec", async () => {
    const result = await repo.npm("check");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ lint .*\d+ ms/);
    expect(result.stdout).toMatch(/✔ compare +generated\/ matches the spec/);
    // One line per step, and nothing else: no warning from a library on a good spec.
    const steps = result.stdout.trim().split("\n");
    expect(steps.map((line) => line.split(/\s+/)[1])).toEqual(["lint", "bundle", "types", "compare"]);
  });

  it("fails with a diff when the spec was edited without regenerating", async () => {
    await repo.edit(
      "openapi/issues.yaml",
      "description: The title of the issue.",
      "description: The headline.",
    );

    const result = await repo.npm("check");

    expect(result.code).toBe(1);
    expect(result.stdout).toContain("--- a/generated/issues.ts");
    expect(result.stdout).toContain("+++ b/generated/issues.ts");
    expect(result.stdout).toMatch(/^\+.*@description The headline\./m);
    expect(result.stdout).toMatch(/^-.*@description The title of the issue\./m);
    expect(result.stdout).toContain("--- a/generated/openapi.json");
    expect(result.stderr).toContain("changed: generated/issues.ts");
    expect(result.stderr).toContain("run `npm run generate`");

    const regenerated = await repo.npm("generate");
    expect(regenerated.code).toBe(0);
    // generated/ now matches the edited spec: check's own comparison finds nothing.
    const after = compareOutputs(await buildOutputs({ root: repo.root }), await readGenerated(repo.root));
    expect([...after.changed, ...after.missing, ...after.extra]).toEqual([]);
  });

  // The other drifts through check's own functions: the patches it prints on stdout and the
  // summary on stderr, without a process each.
  async function drift() {
    const found = compareOutputs(await buildOutputs({ root: repo.root }), await readGenerated(repo.root));
    return { stdout: found.patches.join(""), stderr: driftSummary(found).join("\n") };
  }

  it("fails when a generated file was edited by hand", async () => {
    await repo.edit("generated/issues.ts", "seenCount: number;", "seenCount: string;");

    const result = await drift();

    expect(result.stdout).toMatch(/^-\s+seenCount: string;$/m);
    expect(result.stdout).toMatch(/^\+\s+seenCount: number;$/m);
    expect(result.stderr).toContain("changed: generated/issues.ts");
    expect(result.stderr).not.toContain("openapi.json");
  });

  it("fails when a generated file is missing", async () => {
    await repo.remove("generated/openapi.json");

    const result = await drift();

    expect(result.stdout).toContain("+++ b/generated/openapi.json");
    expect(result.stderr).toContain("missing: generated/openapi.json");
  });

  it("npm run check fails when a generated file became executable, and generate puts it back", async () => {
    await chmod(join(repo.root, "generated/issues.ts"), 0o755);
    const result = await repo.npm("check");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("mode:    generated/issues.ts is executable; generated files are 644");
    const regenerated = await repo.npm("generate");
    expect(regenerated.stdout).toMatch(/✔ write +generated\/: 1 written, 0 removed/);
    expect((await stat(join(repo.root, "generated/issues.ts"))).mode & 0o777).toBe(0o644);
  });

  it("fails when generated/ holds a file the pipeline does not produce", async () => {
    await repo.write("generated/notes.md", "hand-written\n");

    const result = await drift();

    expect(result.stderr).toContain("extra:   generated/notes.md");
  });
});

describe("npm run generate", () => {
  it("reproduces the committed generated/ byte for byte, and writes nothing when up to date", async () => {
    await repo.remove("generated/issues.ts");
    const first = await repo.npm("generate");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/✔ write +generated\/: 1 written, 0 removed/);
    await expectCommittedOutputs();

    const second = await repo.npm("generate");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/✔ write +generated\/ already up to date/);
    expect(second.stderr).toBe("");
    // One line with its time for every step.
    const steps = second.stdout.trim().split("\n");
    expect(steps.map((line) => line.split(/\s+/)[1])).toEqual(["lint", "bundle", "types", "write"]);
    for (const line of steps) expect(line).toMatch(/\d+ ms$/);
  });

  // writeOutputs() is generate's write step; the two cases below call it in this process.
  const regenerate = async () => writeOutputs(repo.root, await buildOutputs({ root: repo.root }));

  it("removes a stale file from generated/", async () => {
    await repo.write("generated/old.ts", "export {};\n");
    const written = await regenerate();
    expect(written.extra).toEqual(["old.ts"]);
    expect([...written.changed, ...written.missing]).toEqual([]);
    await expectCommittedOutputs();
  });

  it("replaces a folder that stands where a generated file belongs", async () => {
    await repo.remove("generated/issues.ts");
    await mkdir(join(repo.root, "generated/issues.ts"));
    const found = compareOutputs(await buildOutputs({ root: repo.root }), await readGenerated(repo.root));
    expect(driftSummary(found)).toContain("  changed: generated/issues.ts");
    await regenerate();
    await expectCommittedOutputs();
  });

  it("leaves generated/ exactly as it was when writing fails", async () => {
    await repo.edit(
      "openapi/issues.yaml",
      "description: The title of the issue.",
      "description: The headline.",
    );
    const before = await Promise.all(GENERATED.map((name) => repo.read(`generated/${name}`)));
    // An immutable project folder: the new generated/ can be neither created nor swapped in.
    execFileSync("chattr", ["+i", repo.root]);
    try {
      const result = await repo.npm("generate");
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^generated\/ was left as it was: writing failed: .*operation not permitted/m,
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      execFileSync("chattr", ["-i", repo.root]);
    }
    const after = await Promise.all(GENERATED.map((name) => repo.read(`generated/${name}`)));
    expect(after).toEqual(before);
    expect((await readdir(repo.root)).filter((name) => name.startsWith("generated"))).toEqual(["generated"]);
  });
});
