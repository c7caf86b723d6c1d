/**
 * One operation of the spec, compiled: its request read and checked (path, query, body) and its
 * responses checked, each against the schemas the spec gives it.
 */
import type { ErrorField } from "../../generated/issues.js";
import { asErrorField, type Check, compileSchema, explain, type Problem } from "./check.js";
import type { OperationObject, PathItem } from "./document.js";
import { compileParameters } from "./parameters.js";

/** A request as it arrived, before any parsing. */
export interface RawRequest {
  params: Record<string, string>;
  search: URLSearchParams;
  contentType: string | undefined;
  text: string;
}

/** A request that satisfies the spec: query values coerced to their types, with defaults filled in. */
export interface ParsedRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface Operation {
  readonly operationId: string;
  /** The HTTP method, such as `GET`. */
  readonly method: string;
  /** The path as the spec writes it, such as `/o/{organisation_id}/issues`. */
  readonly pathTemplate: string;
  /** Checks path parameters, query and body, and returns them parsed, or every bad field. */
  parseRequest(request: RawRequest): ParsedRequest | { fields: ErrorField[] };
  /** Why a response body breaks the spec for this status, or undefined when it conforms. */
  checkResponse(status: number, body: unknown): string | undefined;
  /** Every field of a response body that breaks the spec for this status, with its value. */
  responseProblems(status: number, body: unknown): Problem[];
}

export function compileOperation(item: PathItem, method: keyof PathItem, pathTemplate: string): Operation {
  const operation = item[method] as OperationObject;
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
  const path = compileParameters(parameters, "path");
  const query = compileParameters(parameters, "query");

  const requestBody = operation.requestBody;
  const bodies = new Map<string, Check>(
    Object.entries(requestBody?.content ?? {}).map(([type, media]) => [type, compileSchema(media.schema)]),
  );
  const responses = new Map<string, Check | undefined>(
    Object.entries(operation.responses).map(([status, response]) => {
      const json = response.content?.["application/json"];
      return [status, json && compileSchema(json.schema)];
    }),
  );

  function parseBody(
    contentType: string | undefined,
    text: string,
  ): { body?: unknown; fields: ErrorField[] } {
    if (!requestBody) return { fields: [] };
    if (text === "") {
      return { fields: requestBody.required ? [{ field: "body", message: "is required" }] : [] };
    }
    const check = bodies.get(contentType?.split(";")[0]?.trim().toLowerCase() ?? "");
    if (!check) {
      const message = `must be sent with Content-Type ${[...bodies.keys()].join(" or ")}`;
      return { fields: [{ field: "body", message }] };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { fields: [{ field: "body", message: "is not valid JSON" }] };
    }
    return { body, fields: check(body, "field").map(asErrorField) };
  }

  return {
    operationId: operation.operationId,
    method: method.toUpperCase(),
    pathTemplate,
    parseRequest({ params, search, contentType, text }) {
      const fields: ErrorField[] = [...path.parse(params).fields];

      const values: Record<string, string> = {};
      for (const name of new Set(search.keys())) {
        const all = search.getAll(name);
        // No parameter in the spec is an array, so each takes exactly one value.
        if (all.length > 1) fields.push({ field: name, message: "must be given only once" });
        values[name] = all[0]!;
      }
      const parsedQuery = query.parse(values);
      fields.push(...parsedQuery.fields);
      const queryValues: Record<string, unknown> = parsedQuery.typed;
      for (const [name, value] of query.defaults) queryValues[name] ??= value;

      const body = parseBody(contentType, text);
      fields.push(...body.fields);
      return fields.length > 0 ? { fields } : { params, query: queryValues, body: body.body };
    },
    checkResponse(status, body) {
      return explain(this.responseProblems(status, body));
    },
    responseProblems(status, body) {
      const key = [String(status), "default"].find((k) => responses.has(k));
      const declared = (message: string) => [{ field: "status", message, value: status }];
      if (key === undefined) return declared(`${operation.operationId} declares no ${status} response`);
      const check = responses.get(key);
      if (!check) return declared(`${operation.operationId}'s ${key} response declares no JSON body`);
      return check(body, "field");
    },
  };
}
