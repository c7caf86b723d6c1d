/**
 * The GitHub workflows, which cannot run here: each is validated against GitHub's workflow
 * schema by action-validator, and each is held to what its job needs (the supply-chain rules
 * every workflow shares are in supply-chain.test.ts).
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
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
  const text = await readFile(join(WORKFLOWS, "publish.yml"), "utf8");
  const workflow = parse(text);
  type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string> };
  const build: Step[] = workflow.jobs.build?.steps ?? [];
  const publish: Step[] = workflow.jobs.publish?.steps ?? [];
  const indexOf = (command: string) => build.findIndex((step) => step.run?.includes(command));

  /** Runs a step's script as GitHub does (`bash -e`), with an `npm` that prints `npmVersion`. */
  async function runWithNpm(script: string, npmVersion: string, env: Record<string, string> = {}) {
    const dir = await mkdtemp(join(tmpdir(), "versori-publish-step-"));
    try {
      await writeFile(
        join(dir, "npm"),
        `#!/bin/sh\necho "$*" >> "${dir}/npm.log"\n[ "$1" = --version ] && echo ${npmVersion}\nexit 0\n`,
      );
      await chmod(join(dir, "npm"), 0o755);
      const result = await runCommand("bash", ["-e", "-c", script], {
        cwd: dir,
        env: { PATH: `${dir}:${process.env.PATH}`, ...env },
      });
      return { ...result, log: await readFile(join(dir, "npm.log"), "utf8").catch(() => "") };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it("runs on a pushed v* tag, and only its publish job may mint an OIDC token", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.build?.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.publish.permissions).toEqual({ "id-token": "write" });
    expect(workflow.jobs.publish.needs).toBe("build");
  });

  it("refuses a tag that is not the package's version, or a version with no release snapshot", () => {
    const pack = indexOf("npm pack");
    expect(pack).toBeGreaterThan(0);
    for (const gate of ['"$GITHUB_REF_NAME" != "v$version"', "npm run check:breaking -- --released"]) {
      expect(indexOf(gate)).toBeGreaterThan(indexOf("npm ci"));
      expect(indexOf(gate)).toBeLessThan(pack);
    }
  });

  it("builds and tests before packing, and publishes that tarball from a job that installs nothing", () => {
    const pack = indexOf("npm pack");
    expect(indexOf("npm run build")).toBeLessThan(pack);
    expect(indexOf("npm test")).toBeLessThan(pack);
    // npm 10 (Node 20 and 22) does not read allowScripts: the release runs no dependency's
    // install script whichever npm installs it, and prepare would only build again.
    expect(build[indexOf("npm ci")]!.run).toContain("--ignore-scripts");
    expect(build[pack]!.run).toContain("--ignore-scripts");
    const upload = build.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    const download = publish.find((step) => step.uses?.startsWith("actions/download-artifact@"))!;
    expect(download.with!.name).toBe(upload.with!.name);
    for (const step of publish) {
      expect(step.uses ?? "").not.toMatch(/^actions\/checkout@/);
      expect(step.run ?? "").not.toMatch(/npm (ci|install|run|test)/);
    }
    expect(publish.at(-1)!.run).toContain("--ignore-scripts");
  });

  it("publishes the tag's version by trusted publishing, with provenance and no npm token", async () => {
    for (const token of ["NPM_TOKEN", "NODE_AUTH_TOKEN", "_authToken", "registry-url", "secrets."])
      expect(text).not.toContain(token);
    expect(JSON.stringify(workflow)).not.toContain("cache");
    const result = await runWithNpm(publish.at(-1)!.run!, "11.19.0", { GITHUB_REF_NAME: "v1.2.3" });
    expect(result.code).toBe(0);
    expect(result.log).toBe(
      "publish ./release/versori-issues-api-1.2.3.tgz --provenance --access public --ignore-scripts\n",
    );
  });

  it("stops before publishing when the runner's npm is older than 11.5.1, which cannot use OIDC", async () => {
    const check = publish.findIndex((step) => step.name === "npm can publish by trusted publishing");
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(publish.length - 1);
    for (const version of ["10.9.8", "11.5.0", "11.4.2"]) {
      const result = await runWithNpm(publish[check]!.run!, version);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        `::error::trusted publishing needs npm 11.5.1 or later; this runner has npm ${version}\n`,
      );
    }
    for (const version of ["11.5.1", "11.19.0", "12.0.2"])
      expect((await runWithNpm(publish[check]!.run!, version)).code).toBe(0);
  });
});

describe("the upstream drift workflow", async () => {
  const workflow = parse(await readFile(join(WORKFLOWS, "upstream.yml"), "utf8"));
  const steps: { id?: string; name?: string; if?: string; run?: string }[] = workflow.jobs.compare.steps;
  const step = (name: string) => steps.find((candidate) => candidate.name?.startsWith(name))!;

  it("runs every week and on demand, and may write issues but not code", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.compare.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("checks the description it downloaded from the source that the differences file names", () => {
    const download = steps.find((candidate) => candidate.id === "download")!;
    expect(download.run).toContain("openapi/upstream-differences.yaml");
    expect(download.run).toContain("--output upstream.yaml");
    const compare = steps.find((candidate) => candidate.id === "compare")!;
    expect(compare.run).toContain("npm run --silent check:upstream -- upstream.yaml");
    expect(compare.run).toContain("set -o pipefail");
  });

  /**
   * Runs a step's script as GitHub does (`bash -e`) in a temp folder holding `files`, with a
   * `gh` that records its arguments and answers `gh issue list` with `openIssues`.
   */
  async function runStep(script: string, files: Record<string, string>, openIssues: string) {
    const dir = await mkdtemp(join(tmpdir(), "versori-upstream-step-"));
    try {
      await mkdir(join(dir, "bin"));
      const gh = join(dir, "bin/gh");
      await writeFile(
        gh,
        `#!/bin/sh\necho "$*" >> "${dir}/gh.log"\ncase "$*" in "issue list"*) printf '%s' "${openIssues}" ;; esac\n`,
      );
      await chmod(gh, 0o755);
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      const result = await runCommand("bash", ["-e", "-c", script], {
        cwd: dir,
        env: {
          PATH: `${join(dir, "bin")}:${process.env.PATH}`,
          SOURCE: "https://x.invalid/a.yaml",
          RUN_URL: "run",
        },
      });
      const log = await readFile(join(dir, "gh.log"), "utf8").catch(() => "");
      const issue = await readFile(join(dir, "issue.md"), "utf8").catch(() => "");
      return { ...result, log, issue };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it("opens a labelled issue when the download failed, with curl's error in it", async () => {
    const report = step("Open or update");
    expect(report.if).toContain("failure()");
    const result = await runStep(report.run!, { "download-error.txt": "curl: (22) 404\n" }, "");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.log).toContain("issue create --title");
    expect(result.log).toContain("--label upstream-drift");
    expect(result.issue).toContain("curl: (22) 404");
  });

  it("updates the open issue rather than opening a second one", async () => {
    const report = step("Open or update");
    const result = await runStep(
      report.run!,
      { "download-error.txt": "", "report.txt": "✘ upstream adds x\n" },
      "7",
    );
    expect(result.code).toBe(0);
    expect(result.log).toContain("issue edit 7 --body-file issue.md");
    expect(result.log).not.toContain("issue create");
    expect(result.issue).toContain("✘ upstream adds x");
  });

  it("closes the open issue once upstream matches again", async () => {
    const close = step("Close the upstream-drift issue");
    expect(close.if).toBe("success()");
    const result = await runStep(close.run!, {}, "7\n");
    expect(result.code).toBe(0);
    expect(result.log).toContain("issue close 7 --comment");
  });
});

describe("the live API workflow", async () => {
  const workflow = parse(await readFile(join(WORKFLOWS, "live-api.yml"), "utf8"));
  const job = workflow.jobs.respect;
  const steps: { if?: string; run?: string; env?: Record<string, string> }[] = job.steps;

  it("runs by hand and on a schedule, never for a pull request", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "read" });
  });

  it("gives the key only to the step that checks it and the step that runs the workflows", () => {
    expect(JSON.stringify(job.env)).not.toContain("VERSORI_API_KEY");
    const withKey = steps.filter((candidate) =>
      JSON.stringify(candidate).includes("secrets.VERSORI_API_KEY"),
    );
    expect(withKey).toHaveLength(2);
    expect(withKey[0]).toBe(steps[0]);
    expect(withKey[1]!.run).toContain("npm run workflows -- --live --report reports");
  });

  it("runs nothing but the check when the key or the organisation is missing", async () => {
    const outputs = await mkdtemp(join(tmpdir(), "versori-live-step-"));
    try {
      const env = { GITHUB_OUTPUT: join(outputs, "out"), GITHUB_STEP_SUMMARY: join(outputs, "summary") };
      const missing = await runCommand("bash", ["-e", "-c", steps[0]!.run!], {
        env: { ...env, VERSORI_API_KEY: "" },
      });
      expect(missing.code).toBe(0);
      expect(await readFile(env.GITHUB_OUTPUT, "utf8")).toBe("ready=false\n");
      expect(await readFile(env.GITHUB_STEP_SUMMARY, "utf8")).toMatch(
        /^Skipped: set the secret VERSORI_API_KEY/,
      );
      const ready = await runCommand("bash", ["-e", "-c", steps[0]!.run!], {
        env: { ...env, VERSORI_API_KEY: "k", VERSORI_ORGANISATION_ID: "o", VERSORI_ENVIRONMENT_ID: "e" },
      });
      expect(ready.code).toBe(0);
      expect(await readFile(env.GITHUB_OUTPUT, "utf8")).toBe("ready=false\nready=true\n");
    } finally {
      await rm(outputs, { recursive: true, force: true });
    }
    for (const later of steps.slice(1))
      expect(later.if ?? "").toContain("steps.settings.outputs.ready == 'true'");
  });

  it("uploads the readable report, not respect's JSON with the organisation's issues", () => {
    const upload = steps.find((candidate) => JSON.stringify(candidate).includes("upload-artifact"))!;
    expect(JSON.stringify(upload)).toContain('"path":"reports/workflows.md"');
  });
});

/** Runs `git` in `cwd` as a test author, failing the test on a non-zero exit. */
async function git(cwd: string, ...args: string[]) {
  const result = await runCommand(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@localhost", "-c", "init.defaultBranch=main", ...args],
    { cwd },
  );
  if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** Runs a step's script as GitHub does (`bash -e`) in `cwd`, and returns what it wrote to $GITHUB_OUTPUT. */
async function runStepScript(script: string, cwd: string, env: Record<string, string> = {}) {
  const outputs = await mkdtemp(join(tmpdir(), "versori-step-outputs-"));
  try {
    const files = { GITHUB_OUTPUT: join(outputs, "output"), GITHUB_STEP_SUMMARY: join(outputs, "summary") };
    const result = await runCommand("bash", ["-e", "-c", script], { cwd, env: { ...files, ...env } });
    const read = (file: string) => readFile(file, "utf8").catch(() => "");
    return {
      ...result,
      output: await read(files.GITHUB_OUTPUT),
      summary: await read(files.GITHUB_STEP_SUMMARY),
    };
  } finally {
    await rm(outputs, { recursive: true, force: true });
  }
}

type Step = {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
  "continue-on-error"?: boolean;
};

/**
 * What the docs page is made from: a change to any of them changes the page, so a push to main
 * that touches one rebuilds and checks it.
 */
const PAGE_INPUTS = [
  "openapi/**",
  "tools/docs/**",
  "redocly.yaml",
  "CHANGELOG.md",
  "package.json",
  "package-lock.json",
  "src/**",
  "scripts/docs.ts",
];

describe("the docs workflow", async () => {
  const text = await readFile(join(WORKFLOWS, "docs.yml"), "utf8");
  const workflow = parse(text);
  const build: Step[] = workflow.jobs.build?.steps ?? [];
  const deploy: Step[] = workflow.jobs.deploy?.steps ?? [];
  const indexOf = (command: string) => build.findIndex((step) => step.run?.includes(command));
  const usesIndex = (action: string) => build.findIndex((step) => step.uses?.startsWith(`${action}@`));
  const latest = build.find((step) => step.id === "release")!;

  it("runs on a pushed v* tag, on a push to main that changes an input of the page, and by hand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    for (const input of PAGE_INPUTS) expect(workflow.on.push.paths).toContain(input);
  });

  it("filters on paths that exist, so a misspelt or moved input is not silently dropped", async () => {
    for (const path of workflow.on.push.paths as string[]) {
      const exists = await stat(join(REPO_ROOT, path.replace(/\/\*\*$/, ""))).then(
        () => true,
        () => false,
      );
      expect(exists, path).toBe(true);
    }
  });

  it("deploys only from a v* tag, after the job that checks and builds the page", () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.build.permissions).toEqual({ contents: "read", pages: "read" });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(workflow.jobs.deploy.needs).toBe("build");
    expect(workflow.jobs.deploy.if).toContain("startsWith(github.ref, 'refs/tags/v')");
    expect(workflow.jobs.deploy.if).toContain("needs.build.outputs.latest == 'true'");
    expect(workflow.jobs.build.outputs.latest).toBe(`\${{ steps.release.outputs.latest }}`);
  });

  it("installs, builds and runs npm test before the page is handed to Pages, and stops at the first failure", () => {
    const pages = usesIndex("actions/upload-pages-artifact");
    expect(pages).toBeGreaterThan(0);
    const install = indexOf("npm ci");
    expect(build[install]!.run).toContain("--ignore-scripts");
    expect(indexOf("npm audit signatures")).toBeGreaterThan(install);
    expect(indexOf("npm run build")).toBeGreaterThan(install);
    expect(indexOf("npm test")).toBeGreaterThan(indexOf("npm run build"));
    expect(indexOf("npm test")).toBeLessThan(pages);
    expect(build[pages]!.with!.path).toBe("dist/docs");
    expect(build[pages]!.if).toBe("steps.release.outputs.latest == 'true'");
    // A failed step skips every later one only while none of them asks to run regardless.
    for (const step of build) {
      expect(step.if ?? "").not.toMatch(/always\(\)|failure\(\)|cancelled\(\)/);
      expect(step["continue-on-error"]).toBeUndefined();
    }
  });

  it("refuses, on a tag, a tag that is not the package's version or a version with no release snapshot", () => {
    for (const gate of ['"$GITHUB_REF_NAME" != "v$version"', "npm run check:breaking -- --released"]) {
      const index = indexOf(gate);
      expect(index).toBeGreaterThan(indexOf("npm ci"));
      expect(index).toBeLessThan(indexOf("npm run build"));
      expect(build[index]!.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    }
  });

  it("publishes from a job that runs no code from the repository or from npm", () => {
    expect(deploy.map((step) => step.uses?.split("@")[0])).toEqual(["actions/deploy-pages"]);
    expect(JSON.stringify(workflow.jobs.deploy)).not.toMatch(/"run"|actions\/checkout/);
  });

  it("uploads the page it built as a plain artifact where it does not deploy it", () => {
    const artifact = build[usesIndex("actions/upload-artifact")]!;
    expect(artifact.with!.path).toBe("dist/docs");
    expect(artifact.if).toBe("steps.release.outputs.latest != 'true'");
    expect(usesIndex("actions/upload-artifact")).toBeGreaterThan(indexOf("npm test"));
    expect(workflow.jobs.build.steps[0].with["fetch-depth"]).toBe(0);
  });

  describe("the step that decides whether a tag is the latest release", () => {
    /** A repository with one commit, tagged with each of `tags` as `npm run release -- --tag` does. */
    async function repoWithTags(tags: string[]) {
      const dir = await mkdtemp(join(tmpdir(), "versori-docs-tags-"));
      await git(dir, "init", "--quiet");
      await git(dir, "commit", "--quiet", "--allow-empty", "--message", "release");
      for (const tag of tags) await git(dir, "tag", "--annotate", tag, "--message", tag);
      return dir;
    }

    // Tags as versions, not as text (v1.10.0 is after v1.9.0), and a v* tag that is not a
    // release version (v3-docs) is neither the latest release nor published.
    it.each([
      ["v1.10.0", "latest=true"],
      ["v1.9.0", "latest=false"],
      ["v0.9.3", "latest=false"],
      ["v3-docs", "latest=false"],
    ])("answers %s with %s among v0.9.3, v1.9.0, v1.10.0 and v3-docs", async (tag, answer) => {
      const dir = await repoWithTags(["v0.9.3", "v1.9.0", "v1.10.0", "v3-docs"]);
      try {
        const result = await runStepScript(latest.run!, dir, { GITHUB_REF_NAME: tag });
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        expect(result.output).toBe(`${answer}\n`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("runs only for a tag: a push to main or a run by hand on a branch deploys nothing", () => {
      expect(latest.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    });
  });
});

describe("the CI workflow's docs preview", async () => {
  const text = await readFile(join(WORKFLOWS, "ci.yml"), "utf8");
  const workflow = parse(text);
  const job = workflow.jobs["docs-preview"];
  const steps: Step[] = job?.steps ?? [];
  const changes = steps.find((step) => step.id === "changes")!;
  const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
  const summary = steps.find((step) => step.run?.includes("GITHUB_STEP_SUMMARY") && step !== changes)!;

  it("is a job of its own that runs only for a pull request, beside the unchanged Node matrix", () => {
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.jobs.test.strategy.matrix.node).toEqual(["20.19", "22", "24"]);
    expect(workflow.jobs.test.if).toBeUndefined();
  });

  it("holds a read-only token and no secret, and leaves no token in .git/config", () => {
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "read" });
    expect(JSON.stringify(workflow)).not.toMatch(/: ?write|"write"|secrets\.|github\.token/);
    const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"))!;
    expect(checkout.with!["persist-credentials"]).toBe(false);
  });

  it("uses GitHub's own actions only, each pinned by its full commit SHA", () => {
    const actions = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40}$/);
    for (const line of text.split("\n").filter((candidate) => candidate.includes("actions/upload-artifact@")))
      expect(line).toMatch(/@[0-9a-f]{40} # v([4-9]|\d\d)\.\d+\.\d+$/);
  });

  it("watches the inputs of the page that docs.yml rebuilds on, but for docs.yml itself", async () => {
    const docs = parse(await readFile(join(WORKFLOWS, "docs.yml"), "utf8"));
    const rebuilt = (docs.on.push.paths as string[])
      .filter((path) => path !== ".github/workflows/docs.yml")
      .map((path) => path.replace(/\/\*\*$/, ""));
    const watched = String(changes.env!.PAGE_INPUTS).trim().split(/\s+/);
    expect(watched.toSorted()).toEqual(rebuilt.toSorted());
  });

  it("builds the docs and uploads dist/docs for a few days, only when an input of the page changed", () => {
    const docs = steps.findIndex((step) => step.run?.includes("npm run docs"));
    expect(docs).toBeGreaterThan(steps.indexOf(changes));
    expect(steps.indexOf(upload)).toBeGreaterThan(docs);
    expect(upload.with!.path).toBe("dist/docs");
    expect(upload.with!["if-no-files-found"]).toBe("error");
    expect(Number(upload.with!["retention-days"])).toBeGreaterThanOrEqual(1);
    expect(Number(upload.with!["retention-days"])).toBeLessThanOrEqual(7);
    for (const step of steps.slice(steps.indexOf(changes) + 1))
      expect(step.if).toBe("steps.changes.outputs.page == 'true'");
  });

  it("says in the job summary where the preview is: the run's Artifacts, its name, index.html from disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "versori-preview-summary-"));
    try {
      const result = await runStepScript(summary.run!, dir, {
        ...summary.env,
        ARTIFACT_URL: "https://github.com/o/r/actions/runs/1/artifacts/2",
      });
      expect(result.code).toBe(0);
      const lines = result.summary.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("Artifacts");
      expect(lines[0]).toContain(`\`${upload.with!.name}\``);
      expect(lines[0]).toContain("https://github.com/o/r/actions/runs/1/artifacts/2");
      expect(lines[0]).toContain("index.html");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(summary.env!.ARTIFACT_URL).toBe(`\${{ steps.${upload.id}.outputs.artifact-url }}`);
  });

  describe("the step that finds whether the pull request changes an input of the page", () => {
    /**
     * A clone as checkout leaves it for a pull request: HEAD is GitHub's merge of the pull
     * request into its base (refs/pull/N/merge), whose first parent is the base, which has
     * moved on since the branch was cut.
     */
    async function pullRequestMerge(changed: string) {
      const dir = await mkdtemp(join(tmpdir(), "versori-preview-changes-"));
      await git(dir, "init", "--quiet");
      await mkdir(join(dir, "openapi"));
      await writeFile(join(dir, "openapi/issues.yaml"), "openapi: 3.1.0\n");
      await writeFile(join(dir, "openapi/upstream-differences.yaml"), "differences: []\n");
      await writeFile(join(dir, "README.md"), "# readme\n");
      await writeFile(join(dir, "CHANGELOG.md"), "# Changelog\n");
      await git(dir, "add", ".");
      await git(dir, "commit", "--quiet", "--message", "base");
      await git(dir, "switch", "--quiet", "--create", "topic");
      await writeFile(join(dir, changed), "changed\n");
      await git(dir, "commit", "--quiet", "--all", "--message", "topic");
      await git(dir, "switch", "--quiet", "main");
      // A change to openapi/ on the base after the branch was cut is not the pull request's.
      await writeFile(join(dir, "openapi/upstream-differences.yaml"), "differences: [x]\n");
      await git(dir, "commit", "--quiet", "--all", "--message", "base moves on");
      await git(dir, "merge", "--quiet", "--no-ff", "--no-edit", "topic");
      return dir;
    }

    it.each([
      ["openapi/issues.yaml", "page=true"],
      ["CHANGELOG.md", "page=true"],
      ["README.md", "page=false"],
    ])("a pull request that changes %s gives %s", async (changed, answer) => {
      const dir = await pullRequestMerge(changed);
      try {
        const result = await runStepScript(changes.run!, dir, changes.env ?? {});
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        expect(result.output).toBe(`${answer}\n`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("has the merge's first parent to compare with", () => {
      const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"))!;
      expect(checkout.with!["fetch-depth"]).toBe(2);
    });
  });
});
