/**
 * `versori-issues-api/mcp` in this process: the SDK's Client over an in-memory transport, the
 * server over a client of the in-process fake. The tools are listed read-only by default and in
 * full with allowWrites, with the spec's parameters and bodies as their schemas and annotations
 * that say what they do; every tool answers with structuredContent that fits its outputSchema,
 * and the fake's store shows the writes.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIssuesClient } from "../../src/index.ts";
import { createFakeIssues, type FakeIssues } from "../../src/testing/index.ts";
import { ENV, ORG, orderSync, UNKNOWN_ISSUE } from "../support/fixtures.ts";
import {
  ALL_TOOLS,
  callTool,
  connectInProcess,
  LIST_QUERY,
  outputErrors,
  READ_TOOLS,
  SEVERITIES,
  spec,
  textOf,
} from "./mcp-client.ts";

let fake: FakeIssues;
let client: Client;
let tools: Map<string, Tool>;

async function connect(allowWrites: boolean) {
  const issues = createIssuesClient({
    baseUrl: fake.url,
    token: fake.token,
    organisationId: ORG,
    fetch: fake.fetch,
  });
  client = await connectInProcess(issues, { allowWrites });
  tools = new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
}

/** Calls a tool, and checks that it succeeded with structuredContent that fits its outputSchema. */
async function call(name: string, args: Record<string, unknown>) {
  const result = await callTool(client, name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  expect(outputErrors(tools.get(name)!, result.structuredContent)).toEqual([]);
  return result as typeof result & { structuredContent: Record<string, unknown> };
}

beforeEach(() => {
  fake = createFakeIssues();
});
afterEach(() => client?.close());

describe("the tools it lists", () => {
  it("are the reading ones by default, and all of them with allowWrites", async () => {
    await connect(false);
    expect([...tools.keys()]).toEqual(READ_TOOLS);
    await client.close();
    await connect(true);
    expect([...tools.keys()]).toEqual(ALL_TOOLS);
  });

  it("carry annotations that say what each does to Versori", async () => {
    await connect(true);
    const hints = Object.fromEntries(
      [...tools].map(([name, { annotations }]) => [
        name,
        [
          annotations?.readOnlyHint,
          annotations?.destructiveHint,
          annotations?.idempotentHint,
          annotations?.openWorldHint,
        ],
      ]),
    );
    expect(hints).toEqual({
      // [readOnly, destructive, idempotent, openWorld]
      list_issues: [true, undefined, undefined, true],
      find_issue: [true, undefined, undefined, true],
      acknowledge_issue: [false, false, true, true],
      resolve_issue: [false, false, true, true],
      update_issue: [false, true, true, true],
      create_issue: [false, false, false, true],
    });
    for (const tool of tools.values()) expect(tool.title).toBe(tool.annotations?.title);
  });

  it("take every query parameter of ListIssues, with the spec's schemas, in list_issues", async () => {
    await connect(false);
    const { properties, additionalProperties } = tools.get("list_issues")!.inputSchema;
    expect(Object.keys(properties!)).toEqual(LIST_QUERY.map((parameter) => parameter.name));
    expect(additionalProperties).toBe(false);
    expect((properties!.severity as { enum: string[] }).enum).toEqual(SEVERITIES);
  });

  it("take the spec's request bodies and answer with its response schemas", async () => {
    await connect(true);
    const body = (path: string, method: string) =>
      spec.paths[path][method].requestBody.content["application/json"].schema;
    const { organisationId: _, ...createFields } = body("/o/{organisation_id}/issues", "post").properties;
    expect(tools.get("create_issue")!.inputSchema.properties).toEqual(createFields);
    const { severity, labels, resolutionStatus } = body(
      "/o/{organisation_id}/issues/{issue_id}",
      "patch",
    ).properties;
    expect(tools.get("update_issue")!.inputSchema.properties).toMatchObject({ severity, labels });
    expect(tools.get("resolve_issue")!.inputSchema.properties).toMatchObject({ resolutionStatus });
    const issue =
      spec.paths["/o/{organisation_id}/issues/{issue_id}"].patch.responses["200"].content["application/json"]
        .schema;
    for (const name of ["acknowledge_issue", "resolve_issue", "update_issue", "create_issue"]) {
      expect(tools.get(name)!.outputSchema).toEqual(issue);
    }
    expect(tools.get("list_issues")!.outputSchema!.properties!.issues).toEqual(
      spec.paths["/o/{organisation_id}/issues"].get.responses["200"].content["application/json"].schema,
    );
  });

  it("describe the cost of find and what the API cannot do", async () => {
    await connect(true);
    expect(tools.get("find_issue")!.description).toMatch(/one API request per page/);
    for (const tool of tools.values())
      expect(tool.description).toMatch(/no delete and no way to get one issue by ID/);
    expect(tools.get("create_issue")!.inputSchema.properties).not.toHaveProperty("organisationId");
    expect(tools.get("create_issue")!.inputSchema.required).toEqual([
      "environmentId",
      "reason",
      "title",
      "severity",
    ]);
  });
});

describe("calling every tool", () => {
  beforeEach(() => connect(true));

  it("create, acknowledge, update and resolve change the fake's issue, and answer with it", async () => {
    const created = await call("create_issue", { ...orderSync, labels: { workflow: "sync-orders" } });
    const id = created.structuredContent.id as string;
    expect(textOf(created)).toBe(`Created ${id} [high, open] "Order sync failed"`);
    expect(fake.issues().map((issue) => [issue.id, issue.status])).toEqual([[id, "open"]]);

    await call("acknowledge_issue", { issueId: id });
    expect(fake.issues()[0]!.status).toBe("acked");

    const updated = await call("update_issue", {
      issueId: id,
      severity: "critical",
      labels: { team: "integrations" },
    });
    expect(updated.structuredContent).toMatchObject({
      severity: "critical",
      labels: { team: "integrations" },
    });
    expect(fake.issues()[0]).toMatchObject({ severity: "critical", labels: { team: "integrations" } });

    const resolved = await call("resolve_issue", { issueId: id, resolutionStatus: "negated" });
    expect(textOf(resolved)).toBe(`Resolved ${id} [critical, resolved, negated] "Order sync failed"`);
    expect(fake.issues()[0]).toMatchObject({ status: "resolved", resolutionStatus: "negated" });
  });

  it("list_issues pages with the cursor its answer hands back, to an empty page without one", async () => {
    const [older, newer] = fake.seed([
      { ...orderSync, organisationId: ORG, createdAt: "2026-11-20T10:00:00Z" },
      {
        ...orderSync,
        organisationId: ORG,
        title: "Webhook failed",
        severity: "low",
        createdAt: "2026-11-21T10:00:00Z",
      },
    ]);
    const first = await call("list_issues", { first: 1 });
    expect(first.structuredContent).toEqual({ issues: [newer], nextCursor: newer!.id });
    expect(textOf(first)).toContain(`- ${newer!.id} [low, open] "Webhook failed"`);
    const second = await call("list_issues", { first: 1, after: first.structuredContent.nextCursor });
    expect(second.structuredContent).toEqual({ issues: [older], nextCursor: older!.id });
    const last = await call("list_issues", { first: 1, after: older!.id });
    expect(last.structuredContent).toEqual({ issues: [] });
    expect(textOf(last)).toBe("No issues on this page: it is the end of the list.");
    expect(fake.requests.map((request) => request.path.split("?")[1])).toEqual([
      "first=1",
      `first=1&after=${newer!.id}`,
      `first=1&after=${older!.id}`,
    ]);
  });

  it("list_issues sends the filters as the spec names them", async () => {
    fake.seed([
      { ...orderSync, organisationId: ORG },
      { ...orderSync, organisationId: ORG, severity: "low" },
    ]);
    const result = await call("list_issues", { severity: "low", status: "open", environment_id: ENV });
    expect(
      (result.structuredContent.issues as { severity: string }[]).map((issue) => issue.severity),
    ).toEqual(["low"]);
    expect(fake.requests[0]!.path).toContain(`environment_id=${ENV}`);
  });

  it("find_issue walks the pages to the issue, and says how far it went when it is not there", async () => {
    fake.maxPageSize = 1;
    const [target] = fake.seed([
      { ...orderSync, organisationId: ORG, createdAt: "2026-11-20T10:00:00Z" },
      { ...orderSync, organisationId: ORG, createdAt: "2026-11-21T10:00:00Z" },
    ]);
    const found = await call("find_issue", { issueId: target!.id });
    expect(found.structuredContent).toEqual({ found: true, issue: target, pages: 2 });
    expect(textOf(found)).toMatch(/^Found after 2 pages: /);

    const cut = await call("find_issue", { issueId: UNKNOWN_ISSUE, maxPages: 1 });
    expect(cut.structuredContent).toEqual({ found: false, pages: 1, cutShort: true });
    const missing = await call("find_issue", { issueId: UNKNOWN_ISSUE, severity: "high" });
    expect(missing.structuredContent).toEqual({ found: false, pages: 3, cutShort: false });
    expect(textOf(missing)).toContain("3 pages walked, to the end of the list");
  });
});
