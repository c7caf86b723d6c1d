/**
 * `versori-issues-mcp` end to end: the command as the package builds it (tools/package/build.ts,
 * into a folder of this test's own), started by the SDK's own Client over stdio against the fake
 * HTTP server on 127.0.0.1. It lists the reading tools by default and every tool with
 * --allow-writes; every tool answers with structuredContent that fits its outputSchema, and the
 * fake's store shows the writes. Bad settings are one line each on stderr and exit code 1,
 * without the key.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { buildBundles } from "../../tools/package/build.ts";
import { ORG, orderSync } from "../support/fixtures.ts";
import { runCommand } from "../support/run.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";
import { ALL_TOOLS, callTool, outputErrors, READ_TOOLS, textOf } from "./mcp-client.ts";

let dist: string;
let bin: string;
let server: FakeIssuesServer;

beforeAll(async () => {
  // Inside the repository, so that the client's bundle finds openapi-fetch in node_modules.
  const cache = join(REPO_ROOT, "node_modules/.cache");
  await mkdir(cache, { recursive: true });
  dist = await mkdtemp(join(cache, "versori-issues-mcp-"));
  await buildBundles(dist, ["client", "mcp cli"]);
  bin = join(dist, "mcp-cli.js");
  server = await startFakeIssuesServer();
});
afterAll(async () => {
  await server?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  server.reset();
});

/** The environment the command reads, pointed at the fake. */
const settings = () => ({
  VERSORI_API_KEY: server.token,
  VERSORI_ORGANISATION_ID: ORG,
  VERSORI_API_URL: server.url,
});

/** The SDK's Client, with the command started as an MCP client starts it. */
async function start(args: string[] = []): Promise<{ client: Client; tools: Map<string, Tool> }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: settings(),
  });
  const client = new Client({ name: "versori-issues-api-e2e", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  const tools = new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
  return { client, tools };
}

describe("over stdio, against the fake over HTTP", () => {
  it("is read-only by default: the reading tools work, and a write is a tool error", async () => {
    const [seeded] = server.seed([{ ...orderSync, organisationId: ORG }]);
    const { client, tools } = await start();
    expect([...tools.keys()]).toEqual(READ_TOOLS);
    const listed = await callTool(client, "list_issues", { status: "open" });
    expect(listed.structuredContent).toEqual({ issues: [seeded], nextCursor: seeded!.id });
    const refused = await callTool(client, "create_issue", { ...orderSync });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("--allow-writes");
    expect(server.issues()).toHaveLength(1);
  });

  it("with --allow-writes, every tool works and fits its outputSchema, and the fake shows the writes", async () => {
    const { client, tools } = await start(["--allow-writes"]);
    expect([...tools.keys()]).toEqual(ALL_TOOLS);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await callTool(client, name, args);
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(outputErrors(tools.get(name)!, result.structuredContent)).toEqual([]);
      return result.structuredContent!;
    };

    const { id } = (await call("create_issue", { ...orderSync, labels: { workflow: "sync-orders" } })) as {
      id: string;
    };
    expect(server.issues().map((issue) => issue.id)).toEqual([id]);
    expect(await call("list_issues", { severity: "high", first: 5 })).toMatchObject({ nextCursor: id });
    expect(await call("find_issue", { issueId: id })).toMatchObject({ found: true, pages: 1 });
    await call("acknowledge_issue", { issueId: id });
    expect(server.issues()[0]!.status).toBe("acked");
    await call("update_issue", { issueId: id, severity: "critical", labels: { team: "integrations" } });
    expect(server.issues()[0]).toMatchObject({ severity: "critical", labels: { team: "integrations" } });
    await call("resolve_issue", { issueId: id, resolutionStatus: "ignored" });
    expect(server.issues()[0]).toMatchObject({ status: "resolved", resolutionStatus: "ignored" });
    // Every call reached the fake with the key, as the command read it from its environment.
    expect(server.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
      "POST 201",
      "GET 200",
      "GET 200",
      "PATCH 200",
      "PATCH 200",
      "PATCH 200",
    ]);
  });

  it("a failing API is a tool error that names the call and the status", async () => {
    server.failNext("always", { status: 503, code: "unavailable", message: "maintenance", retryAfter: 600 });
    const { client } = await start();
    const result = await callTool(client, "list_issues", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("503 unavailable: maintenance");
    expect(textOf(result)).toContain("the API asks to wait 600 s before trying again");
  });

  it("ends with exit code 0 when the client closes its stdin", async () => {
    const child = spawn(process.execPath, [bin], { env: { ...process.env, ...settings() } });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});

describe("its settings", () => {
  it("names each missing setting on a line of its own, and exits 1", async () => {
    const result = await runCommand(process.execPath, [bin], {
      env: { VERSORI_API_KEY: "", VERSORI_ORGANISATION_ID: "", VERSORI_API_URL: "" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "versori-issues-mcp: VERSORI_API_KEY is not set: a Versori API key of the organisation, printable ASCII",
      "versori-issues-mcp: VERSORI_ORGANISATION_ID is not set: the ULID of the organisation, 26 characters such as 01KJPWD6M0MD8SP6RARAKC9170",
    ]);
  });

  it("refuses malformed settings without repeating them, so a key in the wrong variable is not printed", async () => {
    const key = "vk_live_0123456789abcdef";
    const result = await runCommand(process.execPath, [bin], {
      env: {
        VERSORI_API_KEY: "two words",
        VERSORI_ORGANISATION_ID: key,
        VERSORI_API_URL: `http://issues.example.com/api/v2?key=${key}`,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain(key);
    expect(result.stderr).not.toContain("two words");
    expect(
      result.stderr
        .trimEnd()
        .split("\n")
        .map((line) => line.split(" must ")[0]),
    ).toEqual([
      "versori-issues-mcp: VERSORI_API_KEY",
      "versori-issues-mcp: VERSORI_ORGANISATION_ID",
      "versori-issues-mcp: VERSORI_API_URL",
    ]);
  });

  it("refuses an unknown argument with one line and exit 1, and --help names the settings", async () => {
    const unknown = await runCommand(process.execPath, [bin, "--allow-write"], { env: settings() });
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      "versori-issues-mcp: Unknown option '--allow-write' (see --help)\n",
    ]);
    const help = await runCommand(process.execPath, [bin, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      "VERSORI_API_URL           the API's base URL (default https://platform.versori.com/api/v2)",
    );
  });
});
