/**
 * The GitHub workflows, which cannot run here: each is validated against GitHub's workflow
 * schema by action-validator, and the publish workflow is held to what a release needs.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCommand } from "../support/run.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const WORKFLOWS = join(REPO_ROOT, ".github/workflows");
const validator = join(REPO_ROOT, "node_modules/.bin/action-validator");

/** action-validator's exit code and report (it writes problems to stderr) for one file. */
const validate = async (file: string) => {
  const { code, stdout, stderr } = await runCommand(validator, [file]);
  return { code, report: stdout + stderr };
};

describe("the workflows", async () => {
  const files = (await readdir(WORKFLOWS)).filter((name) => name.endsWith(".yml"));

  it("are ci.yml, docs.yml and publish.yml", () => {
    expect(files.sort()).toEqual(["ci.yml", "docs.yml", "publish.yml"]);
  });

  it.each(files)("%s matches GitHub's workflow schema", async (name) => {
    const result = await validate(join(WORKFLOWS, name));
    // A warning (globs are not validated yet) may be printed; errors may not.
    expect(result.report).not.toContain('"errors"');
    expect(result.code).toBe(0);
  });

  it("a workflow with a misspelt key fails validation, naming the key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "versori-issues-workflow-"));
    try {
      const text = await readFile(join(WORKFLOWS, "ci.yml"), "utf8");
      await writeFile(join(dir, "ci.yml"), text.replace("runs-on:", "run-on:"));
      const result = await validate(join(dir, "ci.yml"));
      expect(result.code).toBe(1);
      expect(result.report).toContain("Additional property 'run-on' is not allowed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the publish workflow", async () => {
  const workflow = parse(await readFile(join(WORKFLOWS, "publish.yml"), "utf8"));
  const steps: { run?: string }[] = workflow.jobs.publish.steps;
  const indexOf = (command: string) => steps.findIndex((step) => step.run?.includes(command));

  it("runs on a pushed v* tag, and may sign provenance", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
    expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("refuses a tag that is not the package's version, or a version with no release snapshot", () => {
    const publish = indexOf("npm publish --provenance");
    expect(publish).toBeGreaterThan(0);
    for (const gate of ['"$GITHUB_REF_NAME" != "v$version"', "npm run check:breaking -- --released"]) {
      expect(indexOf(gate)).toBeGreaterThan(indexOf("npm ci"));
      expect(indexOf(gate)).toBeLessThan(publish);
    }
  });

  it("builds and tests before publishing, and gives the npm token to the publish step alone", () => {
    const publish = indexOf("npm publish --provenance");
    expect(indexOf("npm run build")).toBeLessThan(publish);
    expect(indexOf("npm test")).toBeLessThan(publish);
    // prepublishOnly would run npm test again, with the token in reach of every dependency.
    expect(steps[publish]!.run).toContain("--ignore-scripts");
    const withToken = steps.filter((step) => JSON.stringify(step).includes("NPM_TOKEN"));
    expect(withToken).toEqual([steps[publish]]);
    expect(JSON.stringify(workflow)).not.toContain("cache");
  });
});
