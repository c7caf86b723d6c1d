/**
 * The form with this package's client: `createIssuesClient`, then the method that fits the
 * operation's example. An operation with no method of its own (CLIENT_METHODS has no entry for
 * it, or its entry declines the example) is called through `issues.raw`, so that a new operation
 * gets a sample before the client gets a method.
 */
import { literal } from "./literal.ts";
import { openapiFetchCall } from "./openapi-fetch.ts";
import { printLine } from "./print.ts";
import type { SampleRequest } from "./sample-request.ts";

/** A method's call for a request, with the name of what it resolves with; undefined if none fits. */
type MethodCall = (request: SampleRequest) => { call: string; result: string } | undefined;

/** Each operation's method of the client, by operationId. */
const CLIENT_METHODS: Record<string, MethodCall> = {
  ListIssues: (request) => ({ call: `issues.list(${queryArgument(request)})`, result: "page" }),
  // The client fills in the body's organisationId from its own option.
  CreateIssue: (request) => ({
    call: `issues.create(${literal(withoutOrganisation(request))})`,
    result: "issue",
  }),
  UpdateIssue: (request) => ({ call: updateCall(request), result: "issue" }),
};

export function clientSample(request: SampleRequest, organisationId: string): string {
  const method = CLIENT_METHODS[request.operationId]?.(request);
  const call = method
    ? [`const ${method.result} = await ${method.call};`, printLine(request.result, method.result)]
    : openapiFetchCall("issues.raw", request);
  return [
    `import { createIssuesClient } from "versori-issues-api";`,
    "",
    `const issues = createIssuesClient({`,
    `  token: process.env.VERSORI_API_KEY!,`,
    `  organisationId: ${JSON.stringify(organisationId)},`,
    `});`,
    "",
    ...call,
  ].join("\n");
}

function queryArgument(request: SampleRequest): string {
  return Object.keys(request.query).length === 0 ? "" : literal(request.query);
}

function withoutOrganisation(request: SampleRequest): unknown {
  const { organisationId: _filled, ...issue } = (request.body?.value ?? {}) as Record<string, unknown>;
  return issue;
}

/** `acknowledge` and `resolve` for the bodies they send, else `update` with the body. */
function updateCall(request: SampleRequest): string {
  const id = JSON.stringify(request.pathValues.issue_id);
  const body = (request.body?.value ?? {}) as Record<string, unknown>;
  const fields = Object.keys(body).sort().join(",");
  if (fields === "status" && body.status === "acked") return `issues.acknowledge(${id})`;
  if (fields === "resolutionStatus,status" && body.status === "resolved") {
    return `issues.resolve(${id}, ${JSON.stringify(body.resolutionStatus)})`;
  }
  return `issues.update(${id}, ${literal(body)})`;
}
