/**
 * What a tool call answers: `structuredContent` for clients that read data, with a short text
 * for clients that show text; or, when the call failed, a result with `isError: true` whose text
 * says what went wrong as the client's errors say it (status, code, fields). A failure is never a
 * protocol error: the model reads it and can decide what to do next. No stack trace goes out,
 * and the client's errors already hold no token.
 */
import type { Issue } from "../../generated/issues.js";
import { IssuesApiError, IssuesError } from "../index.js";

/** A tool's answer, as MCP's CallToolResult has it. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** One issue on one line: `01M… [high, acked] "Order sync failed"`. */
export function issueLine(issue: Issue): string {
  const state = [issue.severity, issue.status, issue.resolutionStatus].filter(Boolean).join(", ");
  return `${issue.id} [${state}] ${JSON.stringify(issue.title)}`;
}

export function success(structuredContent: Record<string, unknown>, text: string): ToolResult {
  return { content: [{ type: "text", text }], structuredContent };
}

export function failure(text: string): ToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/** The lines an API error adds to its message: what a model needs to decide whether to try again. */
function apiErrorLines(error: IssuesApiError): string[] {
  const lines = [`status ${error.status}, code ${error.code}`];
  for (const { field, message } of error.fields) lines.push(`field ${field}: ${message}`);
  if (error.details) lines.push(`details: ${error.details}`);
  if (error.retryAfterMs !== undefined)
    lines.push(`the API asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s before trying again`);
  return lines;
}

/**
 * A thrown error as a tool's failure: the client's error by its class name and message, which
 * names the call (`[PATCH /o/…/issues/…] 404 not_found: …`); an API error with its status, code
 * and fields; a TypeError of the client's checks by its message.
 */
export function errorResult(tool: string, error: unknown): ToolResult {
  if (error instanceof IssuesError) {
    const lines = [`${tool} failed: ${error.name}: ${error.message}`];
    if (error instanceof IssuesApiError) lines.push(...apiErrorLines(error));
    return failure(lines.join("\n"));
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return failure(`${tool} failed: ${message}`);
}
