/**
 * The Arazzo workflows (openapi/workflows/issues.arazzo.yaml), run by `redocly respect`: they pass
 * against the fake Issues server, so the workflows, the spec and the fake agree; they fail
 * against a server that breaks an assumption they check; the pipeline lints them; and the live
 * run refuses to start without its settings.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeIssuesServer, type FakeIssuesServer } from "../../src/testing/index.ts";
import type { PipelineError } from "../../tools/lib/command.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { liveSettings, STAGING_URL } from "../../tools/workflows/live-settings.ts";
import { orderLine } from "../../tools/workflows/order.ts";
import { respectArguments, respectEnvironment, runWorkflows } from "../../tools/workflows/respect.ts";
import { ENV as ENVIRONMENT_ID, ORG as ORGANISATION_ID } from "../support/fixtures.ts";
import { refusalLines } from "../support/failure.ts";
import { runCommand } from "../support/run.ts";
import { createTempRepo, REPO_ROOT } from "../support/temp-repo.ts";

describe("npm run workflows", () => {
  it("passes every workflow against the fake server, and writes a readable report", async () => {
    const reports = await mkdtemp(join(tmpdir(), "versori-workflows-"));
    try {
      const result = await runCommand("npm", ["run", "workflows", "--", "--report", reports], {
        cwd: REPO_ROOT,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/Workflows: 4 passed, 4 total/);
      expect(result.stdout).not.toMatch(/✗/);
      expect(result.code).toBe(0);
      const report = readFileSync(join(reports, "workflows.md"), "utf8");
      expect(report).toMatch(/^# Issues API workflows: passed\n/);
      expect(report).toContain("- Workflows: 4 passed, 4 total");
      expect(report).toContain("- order: newest first, as the spec says (step newestFirst passed)\n");
      expect(report).not.toContain("Deprecation warning");
      expect(existsSync(join(reports, "workflows.json"))).toBe(true);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  });
});

describe("what the workflows leave behind", () => {
  it("every issue they create is labelled with the run, titled with it, and resolved", async () => {
    const fake = await startFakeIssuesServer();
    try {
      const result = await runWorkflows({
        server: fake.url,
        token: fake.token,
        organisationId: ORGANISATION_ID,
        environmentId: ENVIRONMENT_ID,
        runId: "run-7",
        workflows: ["lifecycle", "paging", "critical"],
      });
      expect(result.output).toMatch(/Workflows: 3 passed, 3 total/);
      const response = await fetch(`${fake.url}/o/${ORGANISATION_ID}/issues?first=100`, {
        headers: { authorization: `Bearer ${fake.token}` },
      });
      const issues = (await response.json()) as { title: string; status: string; labels: object }[];
      expect(issues).toHaveLength(6);
      expect(issues.filter((issue) => (issue as { severity?: string }).severity === "critical")).toHaveLength(
        1,
      );
      for (const issue of issues) {
        expect(issue.labels).toEqual({ createdBy: "versori-issues-api-workflows", run: "run-7" });
        expect(issue.title).toMatch(/^\[workflows run-7\] /);
        expect(issue.status).toBe("resolved");
      }
    } finally {
      await fake.close();
    }
  });
});

/**
 * The fake behind a proxy that may change each request's URL first: a server that reads the
 * list's query differently from the spec.
 */
async function proxyOf(fake: FakeIssuesServer, rewrite: (target: URL) => void): Promise<Server> {
  const proxy = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const target = new URL(incoming.url ?? "/", fake.url);
    rewrite(target);
    const response = await fetch(target, {
      method: incoming.method ?? "GET",
      headers: Object.fromEntries(
        Object.entries(incoming.headers).filter(
          ([name]) => name === "authorization" || name === "content-type",
        ),
      ) as Record<string, string>,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    outgoing.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return proxy;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe("against a server that ignores the cursor", () => {
  let fake: FakeIssuesServer;
  let noCursor: Server;
  let url: string;

  // A server that does not read `after` as an issue ID: the paging workflow must notice.
  beforeAll(async () => {
    fake = await startFakeIssuesServer();
    noCursor = await proxyOf(fake, (target) => target.searchParams.delete("after"));
    url = urlOf(noCursor);
  });
  afterAll(async () => {
    await new Promise((resolve) => noCursor?.close(resolve));
    await fake?.close();
  });

  it("the paging workflow fails at the first page that skips an issue", async () => {
    const result = await runWorkflows({
      server: url,
      token: fake.token,
      organisationId: ORGANISATION_ID,
      environmentId: ENVIRONMENT_ID,
      runId: "test-no-cursor",
      workflows: ["paging"],
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("✗ GET /o/{organisation_id}/issues - step pageAfterThird");
    expect(result.output).toMatch(/Workflows: 1 failed, 1 total/);
    // The token is masked in respect's report.
    expect(result.output).not.toContain(fake.token);
    // It resolves what it created all the same.
    expect(fake.issues().map((issue) => issue.status)).toEqual(["resolved", "resolved", "resolved"]);
  });
});

describe("against a server that lists oldest first", () => {
  let fake: FakeIssuesServer;
  let oldestFirst: Server;

  // The fake read back to front, with `after` read in that order: the oldest-first reading of
  // an issue-ID cursor, which this project assumed before Versori's CLI said otherwise.
  beforeAll(async () => {
    fake = await startFakeIssuesServer();
    oldestFirst = await mirrorOf(fake);
  });
  afterAll(async () => {
    await new Promise((resolve) => oldestFirst?.close(resolve));
    await fake?.close();
  });

  it("the paging workflow fails at the order, says oldest first in one line, and resolves its issues", async () => {
    const result = await runWorkflows({
      server: urlOf(oldestFirst),
      token: fake.token,
      organisationId: ORGANISATION_ID,
      environmentId: ENVIRONMENT_ID,
      runId: "test-oldest-first",
      workflows: ["paging"],
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("✗ GET /o/{organisation_id}/issues - step newestFirst");
    expect(result.output).toContain("✓ GET /o/{organisation_id}/issues - step oldestFirst");
    expect(orderLine(result.output)).toBe(
      "order: oldest first, NOT as the spec says (step newestFirst failed, oldestFirst passed)",
    );
    expect(fake.issues().map((issue) => issue.status)).toEqual(["resolved", "resolved", "resolved"]);
  });

  it("says when the order was not checked", () => {
    expect(orderLine("")).toBe("order: not checked (the paging workflow's step newestFirst did not run)");
  });
});

/** The fake listing oldest first: each page is read from the fake's whole list, reversed. */
async function mirrorOf(fake: FakeIssuesServer): Promise<Server> {
  const mirror = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const target = new URL(incoming.url ?? "/", fake.url);
    const headers = {
      authorization: String(incoming.headers.authorization ?? ""),
      "content-type": "application/json",
    };
    if (incoming.method !== "GET") {
      const response = await fetch(target, {
        method: incoming.method ?? "POST",
        headers,
        body: Buffer.concat(chunks),
      });
      outgoing.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      return;
    }
    const whole = new URL(target);
    for (const name of ["after", "before", "first"]) whole.searchParams.delete(name);
    whole.searchParams.set("first", "100");
    const response = await fetch(whole, { headers });
    let page = ((await response.json()) as { id: string }[]).reverse();
    const after = target.searchParams.get("after");
    if (after) page = page.slice(page.findIndex((issue) => issue.id === after) + 1);
    page = page.slice(0, Number(target.searchParams.get("first") ?? 20));
    outgoing.writeHead(response.status, { "content-type": "application/json" }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => mirror.listen(0, "127.0.0.1", resolve));
  return mirror;
}

describe("the pipeline lints the workflows", () => {
  it("with the file, line and column of a step that does not exist", async () => {
    const repo = await createTempRepo();
    try {
      await repo.edit("openapi/workflows/issues.arazzo.yaml", "stepId: create\n", "stepId: created\n");
      const lines = await buildOutputs({ root: repo.root }).then(
        () => expect.unreachable("the pipeline accepted it"),
        (error: PipelineError) => error.lines,
      );
      expect(lines[0]).toMatch(
        /^openapi\/workflows\/issues\.arazzo\.yaml:\d+:\d+ outputs-defined Step "create" referenced in runtime expression "\$steps\.create\.outputs\.issueId" is not defined/,
      );
      expect(lines.at(-1)).toMatch(/^\d+ lint problems in openapi\/workflows\/issues\.arazzo\.yaml$/);
    } finally {
      await repo.dispose();
    }
  });
});

describe("what respect is given", () => {
  const run = {
    server: "https://platform-staging.versori.com/api/v2",
    token: "k=ab,c==",
    organisationId: ORGANISATION_ID,
    environmentId: ENVIRONMENT_ID,
    runId: "run-1",
    workflows: ["errors", "paging"],
  };

  it("the server and each workflow named once on its command line, and no input", () => {
    expect(respectArguments(run, "/repo")).toEqual([
      "respect",
      "/repo/openapi/workflows/issues.arazzo.yaml",
      "--server",
      "issuesApi=https://platform-staging.versori.com/api/v2",
      "--workflow",
      "errors",
      "--workflow",
      "paging",
    ]);
  });

  it("every input in one JSON variable of its environment, whatever a key holds", () => {
    const env = respectEnvironment(run, { PATH: "/bin", REDOCLY_CLI_RESPECT_NO_SECRETS_MASKING: "true" });
    expect(env).toEqual({
      PATH: "/bin",
      REDOCLY_CLI_RESPECT_INPUT: JSON.stringify({
        token: "k=ab,c==",
        organisationId: ORGANISATION_ID,
        environmentId: ENVIRONMENT_ID,
        runId: "run-1",
      }),
      NO_COLOR: "1",
      FORCE_COLOR: "0",
    });
  });
});

describe("npm run workflows -- --live", () => {
  const complete = {
    VERSORI_API_KEY: "vk_live_7c1d",
    VERSORI_ORGANISATION_ID: ORGANISATION_ID,
    VERSORI_ENVIRONMENT_ID: ENVIRONMENT_ID,
  };
  const refusal = (env: NodeJS.ProcessEnv) => refusalLines(() => liveSettings(env));

  it("uses Versori's staging API unless VERSORI_API_URL says otherwise", () => {
    expect(liveSettings(complete)).toEqual({
      server: STAGING_URL,
      token: "vk_live_7c1d",
      organisationId: ORGANISATION_ID,
      environmentId: ENVIRONMENT_ID,
    });
    expect(
      liveSettings({ ...complete, VERSORI_API_URL: "https://platform.versori.com/api/v2/" }).server,
    ).toBe("https://platform.versori.com/api/v2");
  });

  it("names every missing setting at once", () => {
    expect(refusal({})).toEqual([
      "VERSORI_API_KEY is not set: a Versori API key of the organisation",
      "VERSORI_ORGANISATION_ID is not set: the ULID of the organisation",
      "VERSORI_ENVIRONMENT_ID is not set: the ULID of an environment of that organisation, for the issues the workflows create",
    ]);
  });

  it("refuses a malformed ID and a plain-http URL, and never repeats the key", () => {
    const lines = refusal({
      ...complete,
      VERSORI_API_KEY: "a key with spaces",
      VERSORI_ORGANISATION_ID: "acme",
      VERSORI_API_URL: "http://platform.versori.com/api/v2",
    });
    expect(lines).toEqual([
      "VERSORI_API_KEY must be a Versori API key of the organisation",
      "VERSORI_ORGANISATION_ID must be the ULID of the organisation",
      "VERSORI_API_URL must be an https URL (http only on this machine: 127.0.0.1, localhost or [::1]); it is http to another host",
    ]);
    expect(lines.join("\n")).not.toContain("a key with spaces");
  });
});
