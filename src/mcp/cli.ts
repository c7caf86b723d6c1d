/**
 * `versori-issues-mcp`: the MCP server over stdio, for an MCP client (Claude Desktop, an IDE, an
 * agent) to start as a command. It reads its settings from the environment; each bad one is one
 * line on stderr and exit code 1. stdout carries MCP messages only.
 *
 *   versori-issues-mcp [--allow-writes]
 */
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createIssuesClient } from "../index.js";
import { DEFAULT_URL, environmentSettings } from "./environment.js";
import { createIssuesMcpServer } from "./server.js";

const HELP = `usage: versori-issues-mcp [--allow-writes]

Serves the Versori Issues API as MCP tools over stdio: list_issues and find_issue, and with
--allow-writes also acknowledge_issue, resolve_issue, update_issue and create_issue.

  --allow-writes   offer the tools that change issues (read-only without it)

Environment:
  VERSORI_API_KEY           a Versori API key of the organisation (never printed)
  VERSORI_ORGANISATION_ID   the ULID of the organisation
  VERSORI_API_URL           the API's base URL (default ${DEFAULT_URL})
`;

/** Ends the process with one line per problem on stderr. */
function refuse(lines: string[]): never {
  for (const line of lines) process.stderr.write(`versori-issues-mcp: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { "allow-writes"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { "allow-writes": { type: "boolean" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    refuse([`${(error as Error).message} (see --help)`]);
  }
  if (values.help) return void process.stdout.write(HELP);
  const settings = environmentSettings(process.env);
  if ("problems" in settings) refuse(settings.problems);

  const server = createIssuesMcpServer(createIssuesClient(settings.options), {
    allowWrites: values["allow-writes"] === true,
  });
  // The client ends the session by closing stdin: the process ends with it, whatever sockets
  // to the API are still open.
  process.stdin.once("end", () => void server.close().finally(() => process.exit(0)));
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => refuse([error instanceof Error ? error.message : String(error)]));
