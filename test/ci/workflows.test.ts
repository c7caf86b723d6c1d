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

  it("are ci.yml, docs.yml, live-api.yml, publish.yml and upstream.yml", () => {
    expect(files.sort()).toEqual(["ci.yml", "docs.yml", "live-api.yml", "publish.yml", "upstream.yml"]);
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

describe("the upstream drift workflow", async () => {
  const workflow = parse(await readFile(join(WORKFLOWS, "upstream.yml"), "utf8"));
  const steps: { id?: string; if?: string; run?: string }[] = workflow.jobs.compare.steps;

  it("runs every week and on demand, and may write issues but not code", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("checks the description it downloaded from the source that the differences file names", () => {
    const download = steps.find((step) => step.id === "download")!;
    expect(download.run).toContain("openapi/upstream-differences.yaml");
    expect(download.run).toContain("--output upstream.yaml");
    const compare = steps.find((step) => step.id === "compare")!;
    expect(compare.run).toContain("npm run --silent check:upstream -- upstream.yaml");
    expect(compare.run).toContain("set -o pipefail");
  });

  it("opens or updates one labelled issue, only when the download or the check failed", () => {
    const report = steps.at(-1)!;
    expect(report.if).toContain("failure()");
    expect(report.run).toContain("gh issue list --label upstream-drift --state open");
    expect(report.run).toContain("gh issue edit");
    expect(report.run).toContain("gh issue create");
  });
});

describe("the live API workflow", async () => {
  const workflow = parse(await readFile(join(WORKFLOWS, "live-api.yml"), "utf8"));
  const job = workflow.jobs.respect;
  const steps: { if?: string; run?: string }[] = job.steps;

  it("runs by hand and on a schedule, never for a pull request", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("runs the workflows against the live API only when the key and the organisation are set", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a template.
    expect(job.env.VERSORI_API_KEY).toBe("${{ secrets.VERSORI_API_KEY }}");
    const live = steps.find((step) => step.run?.includes("npm run workflows -- --live"))!;
    expect(live.run).toContain("--report reports");
    expect(live.if).toBe("steps.settings.outputs.ready == 'true'");
    expect(steps[0]!.run).toContain('[ -z "$VERSORI_API_KEY" ]');
    expect(
      steps.filter((step) => step.run?.includes("npm ")).every((step) => step.if?.includes("ready")),
    ).toBe(true);
  });
});
