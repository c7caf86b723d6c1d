/**
 * `versori-issues-api/mcp`: an MCP server over an IssuesClient, for agents that triage Versori
 * issues. Its tools' schemas come from the spec; it reads by default, and changes issues only
 * when made with `allowWrites`. The `versori-issues-mcp` command serves it over stdio.
 */
export { createIssuesMcpServer } from "./server.js";
export type { IssuesMcpServerOptions } from "./server.js";
