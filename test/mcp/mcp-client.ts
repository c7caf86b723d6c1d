/**
 * What the MCP tests share: the SDK's own Client connected to the server in this process, a
 * check of a result against its tool's outputSchema with a validator of its own (ajv, JSON Schema
 * 2020-12, formats on), and the spec's facts the tools must carry.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import type { IssuesClient } from "../../src/index.ts";
import { createIssuesMcpServer, type IssuesMcpServerOptions } from "../../src/mcp/index.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

export const READ_TOOLS = ["list_issues", "find_issue"];
export const ALL_TOOLS = [
  ...READ_TOOLS,
  "acknowledge_issue",
  "resolve_issue",
  "update_issue",
  "create_issue",
];

/** A Client of the SDK connected in memory to a server over `issues`, closed by `close()`. */
export async function connectInProcess(
  issues: IssuesClient,
  options: IssuesMcpServerOptions = {},
): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createIssuesMcpServer(issues, options).connect(serverSide);
  const client = new Client({ name: "versori-issues-api-tests", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** The errors of `structuredContent` against the tool's outputSchema, as ajv reports them; [] when it fits. */
export function outputErrors(tool: Tool, structuredContent: unknown): string[] {
  const validate = ajv.compile(tool.outputSchema!);
  if (validate(structuredContent)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** A tool's result as these tools give it: text parts, and data unless it failed. */
export interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** Calls a tool through `client`, whose callTool types a task's result too, which these tools never give. */
export const callTool = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;

/** The text of a tool result, its text parts joined. */
export const textOf = (result: ToolResult): string =>
  result.content
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n");

interface SpecParameter {
  name: string;
  in: string;
  schema: { enum?: string[] };
}

/** The spec as the pipeline bundled it, read here as data, apart from the code under test. */
export const spec = JSON.parse(readFileSync(join(REPO_ROOT, "generated/openapi.dereferenced.json"), "utf8"));

/** ListIssues' query parameters, by name, as the spec lists them. */
export const LIST_QUERY: SpecParameter[] = spec.paths["/o/{organisation_id}/issues"].get.parameters.filter(
  (parameter: SpecParameter) => parameter.in === "query",
);

/** The severities the spec allows. */
export const SEVERITIES: string[] = spec.components.schemas.Issue.properties.severity.enum;
