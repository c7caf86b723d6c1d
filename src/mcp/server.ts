/**
 * The MCP server over an IssuesClient: the SDK's low-level Server with a tools/list and a
 * tools/call handler. Every call's arguments are checked against the tool's input schema before
 * any request, and every answer against its output schema before it goes out, with the spec
 * engine the fake uses; whatever goes wrong comes back as a tool result with `isError: true`.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import bundle from "../../generated/openapi.dereferenced.json" with { type: "json" };
import type { IssuesClient } from "../index.js";
import { compileSchema, explain } from "../spec/check.js";
import { errorResult, failure, success, type ToolResult } from "./results.js";
import { type IssuesTool, TOOLS, WRITE_TOOLS } from "./tools.js";

export interface IssuesMcpServerOptions {
  /**
   * Offers the tools that change issues (acknowledge_issue, resolve_issue, update_issue and
   * create_issue) besides the reading ones. Default false: a read-only server, whose write tools
   * are neither listed nor callable.
   */
  allowWrites?: boolean | undefined;
}

const INSTRUCTIONS =
  "Versori issues are the problems Versori records for an organisation's integrations: failed " +
  "runs, connection errors, issues raised by hand. list_issues reads them newest first, one page " +
  "a call; find_issue looks one up by ID by walking pages, so prefer an ID from a list you already " +
  "have.";

/** A tool with its schemas compiled, ready to be called. */
interface CompiledTool extends IssuesTool {
  inputProblems(args: unknown): string | undefined;
  outputProblems(structured: unknown): string | undefined;
}

function compile(tool: IssuesTool): CompiledTool {
  const input = compileSchema(tool.inputSchema);
  const output = compileSchema(tool.outputSchema);
  return {
    ...tool,
    inputProblems: (args) => explain(input(args, "field")),
    outputProblems: (structured) => explain(output(structured, "field")),
  };
}

/**
 * Makes an MCP server whose tools read, and with `allowWrites` change, the issues of the
 * client's organisation. Connect it to a transport of the SDK: stdio, as the
 * `versori-issues-mcp` command does, or Streamable HTTP. The SDK is bundled into this entry; the
 * types refer to `@modelcontextprotocol/sdk`, which a program that picks a transport has.
 *
 * @example
 * import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
 * const issues = createIssuesClient({ token: process.env.VERSORI_API_KEY!, organisationId });
 * await createIssuesMcpServer(issues, { allowWrites: true }).connect(new StdioServerTransport());
 */
export function createIssuesMcpServer(client: IssuesClient, options: IssuesMcpServerOptions = {}): Server {
  const allowWrites = options.allowWrites === true;
  const tools = new Map(
    TOOLS.filter((tool) => allowWrites || !tool.writes).map((tool) => [tool.name, compile(tool)]),
  );
  const server = new Server(
    { name: "versori-issues-api", version: bundle.info.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...tools.values()].map(({ name, description, inputSchema, outputSchema, annotations }) => ({
      name,
      title: annotations.title,
      description,
      inputSchema,
      outputSchema,
      annotations,
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<ToolResult> => {
    const { name, arguments: args = {} } = request.params;
    const tool = tools.get(name);
    if (!tool) {
      return failure(
        WRITE_TOOLS.includes(name)
          ? `${name} changes issues, and this server is read-only: it was started without --allow-writes (allowWrites). Ask the user to enable writes, or do the change in Versori.`
          : `There is no tool ${name}: the tools are ${[...tools.keys()].join(", ")}.`,
      );
    }
    const invalid = tool.inputProblems(args);
    if (invalid) return failure(`${name} was not called, its arguments are invalid: ${invalid}`);
    try {
      const { structured, text } = await tool.call(client, args);
      const unexpected = tool.outputProblems(structured);
      if (unexpected) {
        const made = tool.writes ? " The change was made: list the issues to see it." : "";
        return failure(
          `${name}: the API answered with data that its spec does not allow: ${unexpected}.${made}`,
        );
      }
      return success(structured, text);
    } catch (error) {
      return errorResult(name, error);
    }
  });
  return server;
}
