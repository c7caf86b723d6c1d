/**
 * The launcher that runs every command from compiled JavaScript (tools/launch/). Each case runs
 * the real npm script in a temp copy of the repository: the copy's edits must be what runs, and
 * a source that does not compile must be reported, not run from an older build.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../support/run.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
});
afterEach(async () => {
  await repo.dispose();
});

const MATCHES = "matches the spec";
const SUPPORT = join(import.meta.dirname, "../support");

/** The copy's builds and any folder a compile left behind: everything but the manifest. */
async function builds(): Promise<string[]> {
  return (await readdir(join(repo.root, "tools/.compiled"))).filter((name) => name !== "manifest.json");
}

describe("npm run check, compiled by the launcher", () => {
  it("runs the sources as they are now, with one build landing for two commands that compile together", async () => {
    const LINT = "and its workflows: no problems";
    await repo.edit("scripts/check.ts", MATCHES, "matches the spec, as edited");
    await repo.edit("tools/pipeline/pipeline.ts", LINT, "and its workflows: none");
    const before = (await builds()).length;

    const [edited, breaking] = await Promise.all([repo.npm("check"), repo.npm("check:breaking")]);
    expect(edited.code).toBe(0);
    expect(breaking.code).toBe(0);
    expect(edited.stdout).toMatch(/^✔ lint +openapi\/issues\.yaml and its workflows: none +\d+ ms$/m);
    expect(edited.stdout).toContain("generated/ matches the spec, as edited");
    // Both compiled the edit; one build landed, and nothing half-made is left.
    expect(await builds()).toHaveLength(before + 1);

    // Undone, the sources are those of a build made before the edit, which runs again as it is.
    await repo.edit("scripts/check.ts", "matches the spec, as edited", MATCHES);
    await repo.edit("tools/pipeline/pipeline.ts", "and its workflows: none", LINT);
    const undone = await repo.npm("check");
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain(LINT);
    expect(undone.stdout).toContain(`generated/ ${MATCHES}`);
    expect(undone.stdout).not.toContain("as edited");
    expect(await builds()).toHaveLength(before + 1);
  });

  it("keeps its build when only the spec and what generate writes change", async () => {
    await repo.edit("openapi/issues.yaml", "description: The title of the issue.", "description: A title.");
    expect((await repo.npm("generate")).code).toBe(0);
    const made = await builds();

    const checked = await repo.npm("check");

    expect(checked.code).toBe(0);
    expect(await builds()).toEqual(made);
  });

  it("runs a command that is not the pipeline's, compiled like the rest", async () => {
    const result = await repo.npm("dev", "--no-docs", "--port", "http");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^npm run dev: .*--port/m);
  });

  it("reports a source that does not compile at its file:line, and leaves generated/ alone", async () => {
    await repo.edit(
      "tools/pipeline/pipeline.ts",
      "export async function buildOutputs(",
      "export async function (",
    );
    const before = await repo.read("generated/issues.ts");

    const result = await repo.npm("generate");

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^generate: could not compile the command: .*\n.*tools\/pipeline\/pipeline\.ts:\d+:\d+/m,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await repo.read("generated/issues.ts")).toBe(before);
  });

  it("refuses an unknown command in one line", async () => {
    const result = await runCommand(process.execPath, ["tools/launch/run.mjs", "chekc"], { cwd: repo.root });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'tools/launch/run.mjs: no command "chekc"; one of check, checks, generate, release, check-breaking, check-upstream, build, docs, dev, workflows, test-matrix, bench-pipeline, bench-client, bench-watch, example',
    );
  });
});

describe("one way to run every command", () => {
  it("starts every npm script that runs Node through the launcher, with no TypeScript loader", async () => {
    const { scripts } = JSON.parse(await readFile(join(repo.root, "package.json"), "utf8"));
    const node = Object.entries(scripts as Record<string, string>).filter(([, line]) => /^node\b/.test(line));
    expect(node.length).toBeGreaterThan(10);
    // `test` runs the checks through the launcher, then the suite: its first command is the one.
    for (const [name, line] of node) {
      const [first] = line.split(" && ");
      expect([name, first]).toEqual([name, expect.stringMatching(/^node tools\/launch\/run\.mjs [\w-]+$/)]);
    }
    expect(Object.values(scripts).join("\n")).not.toMatch(/\btsx\b/);
  });

  it("keeps the tests' helpers independent of the launcher's modules", async () => {
    const files = await readdir(SUPPORT, { recursive: true, withFileTypes: true });
    const names = files.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    expect(names.length).toBeGreaterThan(10);
    for (const path of names) {
      const name = path.slice(SUPPORT.length + 1);
      const text = await readFile(path, "utf8");
      expect([name, /from\s+["'][./]*tools\/launch\//.test(text)]).toEqual([name, false]);
    }
  });
});
