/**
 * The request every form of an operation's sample makes, read from the bundled spec: the
 * operation's first request example, its path parameters' examples and a query from its query
 * parameters' examples. What the spec lacks for it is an Error that names the operation and
 * what to add.
 */
import type { BundledSpec } from "../bundled-spec.ts";
import { SPEC_FILE } from "../../lib/paths.ts";
import type { WireQuery } from "./code-sample.ts";
import { firstExample } from "./first-example.ts";
import { isObject, refName, resolved, type SpecObject, type SpecOperation } from "../spec-reading.ts";

/** What a success response holds, for the line a sample prints. */
export type SampleResult =
  /** No JSON body (a 204): the sample prints the status. */
  | { kind: "none" }
  /** A JSON array: the sample prints how many, as `2 issues`. */
  | { kind: "array"; noun: string }
  /** A JSON object: the sample prints these fields of it (all of it when there are none). */
  | { kind: "object"; fields: string[] };

export interface SampleRequest {
  operationId: string;
  /** Upper case: `PATCH`. */
  method: string;
  /** The path template: `/o/{organisation_id}/issues/{issue_id}`. */
  path: string;
  /** The spec's first server's URL. */
  server: string;
  pathValues: Record<string, string>;
  /** The query the sample sends, in the order of the spec's parameters. */
  query: Record<string, unknown>;
  /** The JSON body, when the operation takes one. */
  body: { value: unknown } | undefined;
  /** The lowest 2xx status of the operation's responses. */
  expectedStatus: number;
  result: SampleResult;
  /** Whether every error response's body has a `message` a sample can print. */
  errorsHaveMessage: boolean;
}

/** `query` as it goes on the wire: each value as a string, an array's items each as one. */
export function wireQuery(query: SampleRequest["query"]): WireQuery {
  const wire: WireQuery = {};
  for (const [name, value] of Object.entries(query)) {
    wire[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return wire;
}

/** The request that `found`'s samples make. */
export function sampleRequest(spec: BundledSpec, found: SpecOperation): SampleRequest {
  const { operationId, method, path, pathItem, operation } = found;
  const missing = (what: string) =>
    new Error(`${operationId}: ${what} has no example: add one in ${SPEC_FILE}`);
  const parameters = parametersOf(spec, pathItem, operation);

  const pathValues: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  let optionalShown = false;
  for (const parameter of parameters) {
    const name = String(parameter.name);
    const example = firstExample(spec, parameter);
    if (parameter.in === "path") {
      if (!example) throw missing(`path parameter ${name}`);
      pathValues[name] = String(example.value);
    } else if (parameter.in === "query") {
      // The required parameters, and the first optional one with an example: enough to show how
      // a query is passed, without piling every filter into one call.
      if (parameter.required === true) {
        if (!example) throw missing(`required query parameter ${name}`);
        query[name] = example.value;
      } else if (example && !optionalShown) {
        query[name] = example.value;
        optionalShown = true;
      }
    }
  }

  return {
    operationId,
    method,
    path,
    server: serverOf(spec),
    pathValues,
    query,
    body: bodyOf(spec, operation, () => missing("the request body")),
    ...responsesOf(spec, operationId, operation),
  };
}

/** The path item's parameters and the operation's, the operation's winning on the same name and place. */
function parametersOf(spec: BundledSpec, pathItem: SpecObject, operation: SpecObject): SpecObject[] {
  const byKey = new Map<string, SpecObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const parameter = resolved(spec, item);
      if (isObject(parameter)) byKey.set(`${parameter.in} ${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function serverOf(spec: BundledSpec): string {
  const first: unknown = Array.isArray(spec.servers) ? spec.servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== "string") {
    throw new Error(`the spec has no servers: add one in ${SPEC_FILE}, for the samples' URLs`);
  }
  return first.url;
}

/** The JSON media type of a request or response's `content`, if it has one. */
function jsonMedia(content: unknown): SpecObject | undefined {
  if (!isObject(content)) return undefined;
  for (const [type, media] of Object.entries(content)) {
    const isJson = type === "application/json" || type.endsWith("+json");
    if (isJson && isObject(media)) return media;
  }
  return undefined;
}

function bodyOf(spec: BundledSpec, operation: SpecObject, missing: () => Error): SampleRequest["body"] {
  const requestBody = resolved(spec, operation.requestBody);
  if (!isObject(requestBody)) return undefined;
  const media = jsonMedia(requestBody.content);
  const example = media && firstExample(spec, media);
  if (example) return example;
  if (requestBody.required === true) throw missing();
  return undefined;
}

/** The expected status, what the success response holds, and whether errors carry a message. */
function responsesOf(spec: BundledSpec, operationId: string, operation: SpecObject) {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const successes = Object.keys(responses)
    .filter((code) => code.length === 3 && code.startsWith("2"))
    .sort();
  const lowest = successes[0];
  if (!lowest) throw new Error(`${operationId}: it has no 2xx response: add one in ${SPEC_FILE}`);
  const errorCodes = Object.keys(responses).filter((code) => !code.startsWith("2"));
  return {
    expectedStatus: Number(lowest),
    result: resultOf(spec, responses[lowest]),
    errorsHaveMessage: errorCodes.every((code) =>
      hasProperty(spec, schemaOf(spec, responses[code]), "message"),
    ),
  };
}

function schemaOf(spec: BundledSpec, response: unknown): unknown {
  const media = jsonMedia((resolved(spec, response) as SpecObject | undefined)?.content);
  return media?.schema;
}

function hasProperty(spec: BundledSpec, schema: unknown, name: string): boolean {
  const properties = (resolved(spec, schema) as SpecObject | undefined)?.properties;
  return isObject(properties) && Object.hasOwn(properties, name);
}

/** What a sample prints of a success: an array's length, an object's `id` and `status`. */
function resultOf(spec: BundledSpec, response: unknown): SampleResult {
  const schema = schemaOf(spec, response);
  if (schema === undefined) return { kind: "none" };
  const body = resolved(spec, schema);
  if (isObject(body) && body.type === "array") {
    const item = refName(body.items);
    return { kind: "array", noun: item ? `${item.toLowerCase()}s` : "items" };
  }
  return { kind: "object", fields: ["id", "status"].filter((field) => hasProperty(spec, schema, field)) };
}
