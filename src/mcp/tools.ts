/**
 * The tools, each a client method with the spec's schemas (schemas.ts) and a description written
 * for a model deciding what to call: what the tool does, what it costs in requests, and what the
 * API cannot do. The annotations say what each really does to Versori (MCP's ToolAnnotations:
 * https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool).
 */
import type { Issue, IssueResolutionStatus, UpdateIssue } from "../../generated/issues.js";
import type { IssuesClient, ListQuery, NewIssue } from "../index.js";
import { issueLine } from "./results.js";
import { type ObjectSchema, schemas } from "./schemas.js";

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint: boolean;
}

/** What a tool's call answers when it succeeds: the data, and a short text of it. */
export interface ToolAnswer {
  structured: Record<string, unknown>;
  text: string;
}

export interface IssuesTool {
  name: string;
  description: string;
  inputSchema: ObjectSchema;
  outputSchema: ObjectSchema;
  annotations: ToolAnnotations;
  /** Whether it changes issues: it exists only on a server made with `allowWrites`. */
  writes: boolean;
  /** Calls the API with arguments that have passed `inputSchema`. */
  call(client: IssuesClient, args: Record<string, unknown>): Promise<ToolAnswer>;
}

/** What every tool's description ends with: the API's limits, which no tool can get around. */
const LIMITS =
  "The Issues API has no delete and no way to get one issue by ID on the wire; it acts on one " +
  "organisation, the one this server was started for.";

/** The reading tools' annotations: they change nothing, and they reach Versori's API. */
const READS = { readOnlyHint: true, openWorldHint: true } as const;

/** An issue a write returned, as its answer. */
const issueAnswer = (verb: string, issue: Issue): ToolAnswer => ({
  structured: issue as unknown as Record<string, unknown>,
  text: `${verb} ${issueLine(issue)}`,
});

export const TOOLS: IssuesTool[] = [
  {
    name: "list_issues",
    description: [
      "Lists one page of the organisation's Versori issues, newest first, filtered by status,",
      "severity, project, environment and time. Each call is one API request. `first` sets the",
      "page size (default 20). The answer's `nextCursor`, present when the page is not empty, is",
      "the `after` of the next, older page; a page may hold fewer than `first` issues even when",
      "more exist, and only an empty page means the end. There are no totals or counts.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.listInput,
    outputSchema: schemas.listOutput,
    annotations: { title: "List issues", ...READS },
    writes: false,
    async call(client, args) {
      const issues = await client.list(args as ListQuery);
      const nextCursor = issues.at(-1)?.id;
      const text =
        issues.length === 0
          ? "No issues on this page: it is the end of the list."
          : [
              `${issues.length} issue${issues.length === 1 ? "" : "s"}, newest first:`,
              ...issues.map((issue) => `- ${issueLine(issue)}`),
              `Next page: after=${nextCursor}`,
            ].join("\n");
      return { structured: nextCursor ? { issues, nextCursor } : { issues }, text };
    },
  },
  {
    name: "find_issue",
    description: [
      "Finds one issue by its ID (a 26-character ULID). The API cannot get an issue by ID, so",
      "this walks the list newest first, one API request per page, until the page that holds the",
      "issue, the end of the list, or `maxPages` pages (default 100): in a large organisation it",
      "can cost many requests. Give what is known of the issue (status, severity, project_id,",
      "environment_id) to narrow the walk, and a larger `first` for fewer, bigger pages. When it",
      "is not found, `cutShort: true` means the walk stopped at `maxPages` and the issue may be",
      "further down. If the issue is in an answer of list_issues already, read it from there.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.findInput,
    outputSchema: schemas.findOutput,
    annotations: { title: "Find an issue by ID", ...READS },
    writes: false,
    async call(client, args) {
      // The arguments have passed findInput: what is not the ID or maxPages is a list filter.
      const { issueId, maxPages, ...filters } = args;
      const result = await client.find(issueId as string, filters as ListQuery, {
        maxPages: maxPages as number | undefined,
      });
      const walked = `${result.pages} page${result.pages === 1 ? "" : "s"}`;
      const text = result.found
        ? `Found after ${walked}: ${issueLine(result.issue)}`
        : result.cutShort
          ? `Not in the first ${walked}: maxPages stopped the walk, so it may be further down.`
          : `No issue ${issueId} matches these filters (${walked} walked, to the end of the list).`;
      return { structured: result as unknown as Record<string, unknown>, text };
    },
  },
  {
    name: "acknowledge_issue",
    description: [
      "Acknowledges an issue: sets its status to `acked`, saying that someone is looking at it.",
      "One API request (a PATCH); calling it again leaves the issue as it is. Answers with the",
      "whole issue as it now is, and fails with 404 not_found when the organisation has no issue",
      "with this ID.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.acknowledgeInput,
    outputSchema: schemas.issueOutput,
    annotations: {
      title: "Acknowledge an issue",
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    writes: true,
    call: async (client, args) =>
      issueAnswer("Acknowledged", await client.acknowledge(args.issueId as string)),
  },
  {
    name: "resolve_issue",
    description: [
      "Resolves an issue: sets its status to `resolved`, with how it was resolved",
      "(`resolutionStatus`: `resolved`, the default, when it was dealt with; `negated` when it",
      "was not a real problem; `ignored` when it is left as it is on purpose). One API request (a",
      "PATCH); calling it again with the same resolution leaves the issue as it is. Answers with",
      "the whole issue as it now is; 404 not_found when there is no issue with this ID. These",
      "tools cannot reopen an issue.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.resolveInput,
    outputSchema: schemas.issueOutput,
    annotations: {
      title: "Resolve an issue",
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    writes: true,
    call: async (client, args) =>
      issueAnswer(
        "Resolved",
        await client.resolve(
          args.issueId as string,
          args.resolutionStatus as IssueResolutionStatus | undefined,
        ),
      ),
  },
  {
    name: "update_issue",
    description: [
      "Changes an issue's severity, its labels, or both. The labels given replace all of the",
      "issue's labels: include the ones to keep. One API request (a PATCH); calling it again with",
      "the same arguments leaves the issue as it is. Answers with the whole issue as it now is;",
      "404 not_found when there is no issue with this ID. To acknowledge or resolve an issue, use",
      "acknowledge_issue or resolve_issue.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.updateInput,
    outputSchema: schemas.issueOutput,
    annotations: {
      title: "Change an issue's severity or labels",
      readOnlyHint: false,
      // Labels left out of `labels` are gone: the API keeps no history to restore them from.
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    },
    writes: true,
    async call(client, args) {
      const { issueId, ...changes } = args;
      return issueAnswer("Updated", await client.update(issueId as string, changes as UpdateIssue));
    },
  },
  {
    name: "create_issue",
    description: [
      "Records a new issue in the organisation, with status `open`. One API request (a POST),",
      "never retried: each call creates another issue, even with the same arguments, and one that",
      "fails on a network error or a timeout may have created it all the same, so list the",
      "issues before trying again. Needs the environment's ID, a title, a severity and a reason",
      "(`manual` for an issue raised by hand, `error` for a failure). Answers with the new issue",
      "and its ID.",
      LIMITS,
    ].join(" "),
    inputSchema: schemas.createInput,
    outputSchema: schemas.createdOutput,
    annotations: {
      title: "Create an issue",
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    },
    writes: true,
    call: async (client, args) => issueAnswer("Created", await client.create(args as unknown as NewIssue)),
  },
];

/** The names of the tools that change issues, for the error a read-only server gives. */
export const WRITE_TOOLS = TOOLS.filter((tool) => tool.writes).map((tool) => tool.name);
