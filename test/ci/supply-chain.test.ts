/**
 * What every workflow is held to so that a compromised action, a poisoned cache or a
 * dependency's install script cannot reach a write token: actions pinned to commits, each job
 * with the permissions it needs and no more, no dependency cache beside a write token or a
 * secret, no token left in .git/config, and npm's registry signatures checked after `npm ci`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.ts";
import {
  cacheProblems,
  loadWorkflow,
  permissionProblems,
  persistedCredentials,
  unpinnedActions,
  type Workflow,
} from "./workflow-rules.ts";

const WORKFLOWS = join(REPO_ROOT, ".github/workflows");
const SHA = "11d5960a326750d5838078e36cf38b85af677262";

/** The index of the first step in `job` whose `run` includes `command`, or -1. */
const stepRunning = (workflow: Workflow, job: string, command: string) =>
  (workflow.jobs[job]?.steps ?? []).findIndex((step) => step.run?.includes(command));

describe("every workflow", async () => {
  const names = (await readdir(WORKFLOWS)).filter((name) => name.endsWith(".yml"));
  const workflows = await Promise.all(
    names.map(async (name) => loadWorkflow(name, await readFile(join(WORKFLOWS, name), "utf8"))),
  );
  const named = (name: string) => workflows.find((workflow) => workflow.name === name)!;

  it("names each action by a full commit SHA, with its version in a comment", () => {
    expect(workflows.flatMap(unpinnedActions)).toEqual([]);
  });

  it("gives each job the permissions it lists, and grants no write to the whole workflow", () => {
    expect(workflows.flatMap(permissionProblems)).toEqual([]);
  });

  it("restores no dependency cache where a job holds a write token, an OIDC token or a secret", () => {
    expect(workflows.flatMap(cacheProblems)).toEqual([]);
  });

  it("leaves no token in .git/config for a dependency's install script to read", () => {
    expect(workflows.flatMap(persistedCredentials)).toEqual([]);
  });

  it.each([
    ["ci.yml", "test"],
    ["publish.yml", "build"],
  ])("%s (job %s) checks the registry signatures and provenance of what npm ci installed", (name, job) => {
    const workflow = named(name);
    const install = stepRunning(workflow, job, "npm ci");
    expect(install).toBeGreaterThanOrEqual(0);
    expect(stepRunning(workflow, job, "npm audit signatures")).toBeGreaterThan(install);
  });
});

describe("the workflow rules", () => {
  const workflow = (steps: string, permissions = "permissions:\n  contents: read\n") =>
    loadWorkflow(
      "w.yml",
      `on: push\n${permissions}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`,
    );

  it("flag a tag, a SHA with no version after it and a version that is not X.Y.Z, by line", () => {
    const problems = unpinnedActions(
      workflow(
        [
          "      - uses: actions/checkout@v4",
          `      - uses: actions/setup-node@${SHA}`,
          `      - uses: actions/cache@${SHA} # v4`,
          `      - uses: actions/upload-artifact@${SHA} # v4.6.2`,
          "      - uses: ./.github/actions/local",
          "",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([
      'w.yml:8: actions/checkout@v4 is not a 40-hex commit SHA with "# vX.Y.Z" after it',
      `w.yml:9: actions/setup-node@${SHA} is not a 40-hex commit SHA with "# vX.Y.Z" after it`,
      `w.yml:10: actions/cache@${SHA} is not a 40-hex commit SHA with "# vX.Y.Z" after it`,
    ]);
  });

  it("flag a workflow-wide write, a job with no permissions and write-all", () => {
    const wide = workflow("      - run: true\n", "permissions:\n  contents: read\n  id-token: write\n");
    expect(permissionProblems(wide)).toEqual(["w.yml:2: the workflow grants id-token: write to every job"]);
    expect(permissionProblems(workflow("      - run: true\n", ""))).toEqual([
      "w.yml:3: job build has no permissions, so it gets the default token",
    ]);
    expect(permissionProblems(workflow("      - run: true\n", "permissions: write-all\n"))).toEqual([
      "w.yml:2: the workflow grants write-all to every job",
      "w.yml:4: job build has permissions write-all, not a list of the scopes it needs",
    ]);
  });

  it("flag a cache in a workflow whose other job holds a write token, and allow one in a read-only workflow", () => {
    const steps = `      - uses: actions/setup-node@${SHA} # v4.4.0\n        with:\n          cache: npm\n`;
    expect(cacheProblems(workflow(steps))).toEqual([]);
    const withDeploy = workflow(
      `${steps}  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      pages: write\n    steps:\n      - run: true\n`,
    );
    expect(cacheProblems(withDeploy)).toEqual([
      `w.yml:8: job build restores a dependency cache (actions/setup-node@${SHA}) in a workflow that holds pages: write`,
    ]);
    const withSecret = workflow(`${steps}      - run: echo "\${{ secrets.KEY }}"\n`);
    expect(cacheProblems(withSecret)).toHaveLength(1);
  });

  it("flag a checkout that keeps its token in .git/config", () => {
    const steps = `      - uses: actions/checkout@${SHA} # v4.4.0\n`;
    expect(persistedCredentials(workflow(steps))).toEqual([
      "w.yml:8: job build checks out without persist-credentials: false",
    ]);
    const kept = `${steps}        with:\n          persist-credentials: false\n`;
    expect(persistedCredentials(workflow(kept))).toEqual([]);
  });
});
