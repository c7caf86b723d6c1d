/**
 * The MCP server when things go wrong: the API failing (429 with Retry-After, 500, a timeout, an
 * answer the spec forbids), a model's bad arguments (a wrong enum, an unknown field, an ID that
 * is not one), a write on a read-only server, and a server that echoes the token. Each is a tool
 * result with `isError: true` that says what happened as the client's errors say it, never a
 * protocol error, a stack trace or the token; bad arguments never reach the API.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createIssuesClient, type IssuesClientOptions } from "../../src/index.ts";
import { createFakeIssues, type FakeIssues } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";
import { type HostileServer, sendJson, startHostileServer } from "../support/hostile-server.ts";
import { callTool, connectInProcess, type ToolResult, textOf } from "./mcp-client.ts";

const TOKEN = "tok_secret-XYZ";
const FAST = { minDelayMs: 1, maxDelayMs: 50 };

const clients: Client[] = [];
const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A Client of a server, read-only unless told, over a client of `fake` with quick retries. */
async function connect(
  fake: FakeIssues,
  { allowWrites = false, ...options }: Partial<IssuesClientOptions> & { allowWrites?: boolean } = {},
) {
  const issues = createIssuesClient({
    baseUrl: fake.url,
    token: fake.token,
    organisationId: ORG,
    fetch: fake.fetch,
    retry: FAST,
    ...options,
  });
  const client = await connectInProcess(issues, { allowWrites });
  clients.push(client);
  return client;
}

/** Checks a result is a clean failure: isError, a message, no stack trace; and returns its text. */
function failed(result: ToolResult): string {
  const text = textOf(result);
  expect(result.isError, text).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  expect(text).not.toMatch(/\n\s+at /);
  return text;
}

describe("the API failing", () => {
  it("a 429 whose Retry-After is longer than the client waits says how long the API asks to wait", async () => {
    const fake = createFakeIssues();
    fake.failNext("always", { status: 429, retryAfter: 120 });
    const text = failed(await callTool(await connect(fake), "list_issues", {}));
    expect(text).toMatch(
      /^list_issues failed: IssuesApiError: \[GET \/o\/\w+\/issues\] 429 too_many_requests: /,
    );
    expect(text).toContain("status 429, code too_many_requests");
    expect(text).toContain("the API asks to wait 120 s before trying again");
    expect(fake.requests).toHaveLength(1);
  });

  it("a 500 that lasts is an error once the retries are spent", async () => {
    const fake = createFakeIssues();
    fake.failNext("always", { status: 500, code: "internal", message: "database unavailable" });
    const text = failed(
      await callTool(await connect(fake), "find_issue", { issueId: "01M875QQ4RP11WECH4S18ARRGR" }),
    );
    expect(text).toContain("500 internal: database unavailable");
    expect(fake.requests).toHaveLength(3);
  });

  it("an answer slower than the timeout is an IssuesTimeoutError", async () => {
    const fake = createFakeIssues();
    fake.delayNext(2_000);
    const client = await connect(fake, { timeoutMs: 50, retry: false });
    const text = failed(await callTool(client, "list_issues", {}));
    expect(text).toMatch(/^list_issues failed: IssuesTimeoutError: \[GET \/o\/\w+\/issues\] /);
  });

  it("an answer the spec forbids is an error naming the field, not a protocol error", async () => {
    const fake = createFakeIssues();
    const [issue] = fake.seed([{ ...orderSync, organisationId: ORG }]);
    fake.respondUncheckedNext({ body: [{ ...issue, severity: "urgent" }] });
    const text = failed(await callTool(await connect(fake), "list_issues", {}));
    expect(text).toContain(
      "the API answered with data that its spec does not allow: issues[0].severity must be one of",
    );
  });

  it("a write whose answer the spec forbids says that the change was made", async () => {
    const fake = createFakeIssues();
    const [issue] = fake.seed([{ ...orderSync, organisationId: ORG }]);
    fake.respondUncheckedNext({ body: { ...issue, status: "acked", seenCount: "one" } });
    const client = await connect(fake, { allowWrites: true });
    const text = failed(await callTool(client, "acknowledge_issue", { issueId: issue!.id }));
    expect(text).toContain("seenCount must be integer");
    expect(text).toContain("The change was made");
  });

  it("a server that echoes the token in its error body and headers gets it redacted", async () => {
    const server = await startHostileServer((_, response) =>
      sendJson(
        response,
        400,
        {
          code: "validation_failed",
          message: `token ${TOKEN} is not allowed here`,
          details: `Authorization: Bearer ${TOKEN}`,
          fields: [{ field: "severity", message: `got ${TOKEN}` }],
        },
        { "x-echo": TOKEN },
      ),
    );
    servers.push(server);
    const issues = createIssuesClient({
      baseUrl: server.origin,
      token: TOKEN,
      organisationId: ORG,
      retry: FAST,
    });
    const client = await connectInProcess(issues, { allowWrites: true });
    clients.push(client);
    const text = failed(
      await callTool(client, "update_issue", { issueId: "01M875QQ4RP11WECH4S18ARRGR", severity: "low" }),
    );
    expect(text).not.toContain("secret-XYZ");
    expect(text).toContain("400 validation_failed: token [REDACTED] is not allowed here");
    expect(text).toContain("field severity: got [REDACTED]");
    expect(text).toContain("details: Authorization: Bearer [REDACTED]");
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("a model's bad arguments, refused before any request", () => {
  const fake = createFakeIssues();
  afterEach(() => expect(fake.requests).toEqual([]));

  it("a value outside the spec's enum names the field and the values it takes", async () => {
    const text = failed(await callTool(await connect(fake), "list_issues", { severity: "urgent" }));
    expect(text).toBe(
      "list_issues was not called, its arguments are invalid: severity must be one of critical, high, low, medium",
    );
  });

  it("a field the tool does not take is named", async () => {
    const client = await connect(fake, { allowWrites: true });
    const text = failed(
      await callTool(client, "update_issue", { issueId: "01M875QQ4RP11WECH4S18ARRGR", colour: "red" }),
    );
    expect(text).toBe("update_issue was not called, its arguments are invalid: colour is not a known field");
  });

  it("an ID that is not a ULID, and a missing one, are named", async () => {
    const client = await connect(fake, { allowWrites: true });
    expect(failed(await callTool(client, "find_issue", { issueId: "../admin" }))).toContain(
      "issueId must match the pattern ^[0-7][0-9A-HJKMNP-TV-Z]{25}$",
    );
    expect(failed(await callTool(client, "resolve_issue", { resolutionStatus: "ignored" }))).toContain(
      "issueId is required",
    );
  });

  it("create_issue without its required fields names each", async () => {
    const client = await connect(fake, { allowWrites: true });
    const text = failed(await callTool(client, "create_issue", { title: "t", organisationId: ORG }));
    expect(text).toContain("environmentId is required");
    expect(text).toContain("organisationId is not a known field");
  });

  it("a write tool on a read-only server says how writes are allowed, and changes nothing", async () => {
    const client = await connect(fake);
    const text = failed(
      await callTool(client, "create_issue", orderSync as unknown as Record<string, unknown>),
    );
    expect(text).toContain("create_issue changes issues, and this server is read-only");
    expect(text).toContain("--allow-writes");
    expect(fake.issues()).toEqual([]);
  });

  it("a tool that does not exist lists the ones that do", async () => {
    const text = failed(await callTool(await connect(fake), "delete_issue", { issueId: "x" }));
    expect(text).toBe("There is no tool delete_issue: the tools are list_issues, find_issue.");
  });
});
