/**
 * The form with this package's client: `createIssuesClient`, then the method that fits the
 * operation's example. An operation with no method of its own (no entry in CLIENT_METHODS) is
 * called through `issues.raw`, so that a new operation gets a sample before the client gets a
 * method.
 */
import { SPEC_FILE } from "../../lib/paths.ts";
import type { BundledSpec } from "../bundled-spec.ts";
import { literal } from "./literal.ts";
import { openapiFetchCall } from "./openapi-fetch.ts";
import { printLine } from "./print.ts";
import { isObject } from "../spec-reading.ts";
import type { SampleRequest } from "./sample-request.ts";

/** A method's call for a request, and the name of the variable that holds what it resolves with. */
type MethodCall = (request: SampleRequest) => { call: string; result: string };

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

export function clientSample(spec: BundledSpec, request: SampleRequest): string {
  const organisationId = organisationOf(spec, request);
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

/**
 * The organisation the client form's client is made for: the operation's own, else the example
 * of any `organisation_id` parameter in the spec's components.
 */
function organisationOf(spec: BundledSpec, request: SampleRequest): string {
  const own = request.pathValues.organisation_id;
  if (own !== undefined) return own;
  const components = isObject(spec.components) ? spec.components : {};
  const parameters = isObject(components.parameters) ? components.parameters : {};
  for (const parameter of Object.values(parameters)) {
    if (isObject(parameter) && parameter.name === "organisation_id" && parameter.example !== undefined) {
      return String(parameter.example);
    }
  }
  throw new Error(
    `${request.operationId}: no organisation_id parameter has an example, for the client sample: add one in ${SPEC_FILE}`,
  );
}
