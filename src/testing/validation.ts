/**
 * Routing and validation derived from the dereferenced bundle (generated/openapi.dereferenced.json),
 * so that the fake accepts and sends exactly what the spec allows, and nothing written by hand
 * can drift. The validator, @cfworker/json-schema, interprets schemas without generating code,
 * so the fake runs where `eval` is forbidden too (a page with a strict CSP, a worker).
 */
import { type OutputUnit, Validator } from "@cfworker/json-schema";
import type { ErrorField } from "../../generated/issues.js";
import spec from "../../generated/openapi.dereferenced.json" with { type: "json" };

// The spec is read as plain JSON: its shape is OpenAPI 3.1's, which the spec's own tests check.
type Node = any;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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
  /** The path as the spec writes it, such as `/o/{organisation_id}/issues`. */
  readonly pathTemplate: string;
  /** Checks path parameters, query and body, and returns them parsed, or every bad field. */
  parseRequest(request: RawRequest): ParsedRequest | { fields: ErrorField[] };
  /** Why a response body breaks the spec for this status, or undefined when it conforms. */
  checkResponse(status: number, body: unknown): string | undefined;
  /** Every field of a response body that breaks the spec for this status, with its value. */
  responseProblems(status: number, body: unknown): Problem[];
}

export type Match =
  { operation: Operation; params: Record<string, string> } | { status: 404 } | { status: 405; allow: string };

export interface CompiledSpec {
  match(method: string, pathname: string): Match;
  /** Checks a response that belongs to no operation (an unknown route) against the Error schema. */
  checkError(body: unknown): string | undefined;
  /** Why `issue` is not an Issue as the spec describes it, naming the field; undefined when it is. */
  checkIssue(issue: unknown): string | undefined;
  /** Every field of `issue` that breaks the Issue schema, with its value. */
  issueProblems(issue: unknown): Problem[];
  /** The operation with this operationId. */
  operation(operationId: string): Operation | undefined;
  /** The operation named by its operationId or as `METHOD /path/template`, if there is one. */
  findOperation(name: string): Operation | undefined;
  isUlid(value: string): boolean;
  isDateTime(value: string): boolean;
}

/** A field that breaks the spec: where, what is wrong, and the value found there. */
export interface Problem extends ErrorField {
  value: unknown;
}

/** Checks a value against one schema: every bad field, or none. */
type Check = (value: unknown, noun: string) => Problem[];

/**
 * The keywords whose errors only say that something inside failed: the error inside it says
 * what, so these are left out of the report.
 */
const WRAPPERS = new Set([
  "properties",
  "additionalProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "$ref",
]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/** `#/labels/env` as the segments `["labels", "env"]`. */
const segmentsOf = (instanceLocation: string) =>
  instanceLocation
    .split("/")
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));

/** A JSON path in the form `labels.env`, `items[0].name` or `labels["a.b"]`. */
function fieldPath(segments: string[]): string {
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(segment)) return path ? `${path}.${segment}` : segment;
    return `${path}[${JSON.stringify(segment)}]`;
  }, "");
}

/** The quoted words of a validator message: `"a"` and `"b"` in `… "a" … "b".`. */
const quoted = (text: string) => [...text.matchAll(/"([^"]*)"/g)].map((found) => found[1]!);

/** One validator error as the API's ErrorField: where, in the body's terms, and what is wrong. */
/** The comparison each limit keyword makes, in the words of a message. */
const LIMITS: Record<string, string> = {
  minimum: ">=",
  maximum: "<=",
  exclusiveMinimum: ">",
  exclusiveMaximum: "<",
  minLength: "at least this long:",
  maxLength: "at most this long:",
  minItems: "at least this many items:",
  maxItems: "at most this many items:",
};

/**
 * One validator error as the API's ErrorField: where, in the body's terms, and what is wrong.
 * `schema` is the one validated against; a dereferenced schema has no `$ref`, so the keyword's
 * own value (a pattern, a limit) is found by following the error's keywordLocation.
 */
function toField(unit: OutputUnit, noun: string, instance: unknown, schema: Node): Problem {
  const { instanceLocation, keyword, keywordLocation, error } = unit;
  const segments = segmentsOf(instanceLocation);
  const keywordValue = segmentsOf(keywordLocation).reduce((node: Node, segment) => node?.[segment], schema);
  let message = error.replace(/^Instance /, "").replace(/\.$/, "");
  if (keyword === "required") {
    segments.push(quoted(error)[0]!);
    message = "is required";
  } else if (keyword === "false") {
    message = `is not a known ${noun}`; // the `false` schema of additionalProperties: false
  } else if (keyword === "enum") {
    message = `must be one of ${(JSON.parse(error.slice(error.indexOf("["), -1)) as unknown[]).join(", ")}`;
  } else if (keyword === "type") {
    message = `must be ${quoted(error).slice(1).join(" or ")}`;
  } else if (keyword === "format") {
    message = `must be a ${quoted(error)[0]}`;
  } else if (keyword === "pattern") {
    message = `must match the pattern ${keywordValue}`;
  } else if (keyword in LIMITS && keywordValue !== undefined) {
    message = `must be ${LIMITS[keyword]} ${keywordValue}`;
  }
  // Only a body can be wrong as a whole (say, an array where an object belongs).
  const value = segments.reduce((node: Node, segment) => node?.[segment], instance);
  return { field: fieldPath(segments) || "body", message, value };
}

function compile(schema: Node): Check {
  const validator = new Validator(schema, "2020-12", false);
  return (value, noun) => {
    const { valid, errors } = validator.validate(value);
    return valid
      ? []
      : errors
          .filter((error) => !WRAPPERS.has(error.keyword))
          .map((error) => toField(error, noun, value, schema));
  };
}

/** The API's ErrorField: the field and the message, without the value. */
const asErrorField = ({ field, message }: Problem): ErrorField => ({ field, message });

const explain = (fields: ErrorField[]) =>
  fields.length === 0 ? undefined : fields.map(({ field, message }) => `${field} ${message}`).join("; ");

/**
 * A query or path value as its schema's type: values arrive as strings, so `first=5` becomes the
 * integer 5. A value that does not read as the type stays a string, for the schema to refuse.
 */
function coerce(value: string, schema: Node): unknown {
  const types = [schema.type].flat();
  if (
    (types.includes("integer") || types.includes("number")) &&
    value.trim() !== "" &&
    Number.isFinite(Number(value))
  ) {
    return Number(value);
  }
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Compiles the spec's routes and validators; done once per fake. */
export function compileSpec(): CompiledSpec {
  function compileParameters(parameters: Node[], location: string) {
    const own = parameters.filter((parameter) => parameter.in === location);
    const check = compile({
      type: "object",
      properties: Object.fromEntries(own.map((parameter) => [parameter.name, parameter.schema])),
      required: own.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      additionalProperties: false,
    });
    const schemas = new Map<string, Node>(own.map((parameter) => [parameter.name, parameter.schema]));
    const defaults = own.flatMap((parameter) =>
      parameter.schema.default === undefined || parameter.schema.default === null
        ? []
        : [[parameter.name as string, parameter.schema.default] as const],
    );
    /** The values as their types, checked: every bad one, or none. */
    const parse = (values: Record<string, string>) => {
      const typed = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          schemas.has(name) ? coerce(value, schemas.get(name)) : value,
        ]),
      );
      return { typed, fields: check(typed, "parameter").map(asErrorField) };
    };
    return { parse, defaults };
  }

  function compileOperation(item: Node, method: string, pathTemplate: string): Operation {
    const operation = item[method];
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
    const path = compileParameters(parameters, "path");
    const query = compileParameters(parameters, "query");

    const requestBody = operation.requestBody;
    const bodies = new Map<string, Check>(
      Object.entries((requestBody?.content ?? {}) as Record<string, Node>).map(([type, media]) => [
        type,
        compile(media.schema),
      ]),
    );
    const responses = new Map<string, Check | undefined>(
      Object.entries(operation.responses as Record<string, Node>).map(([status, response]) => {
        const json = response.content?.["application/json"];
        return [status, json && compile(json.schema)];
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

  const routes = Object.entries(spec.paths as Node).map(([template, item]: [string, Node]) => {
    const pattern = template
      .split(/\{\w+\}/)
      .map(escapeRegExp)
      .join("([^/]+)");
    return {
      pattern: new RegExp(`^${pattern}$`),
      names: [...template.matchAll(/\{(\w+)\}/g)].map((found) => found[1] as string),
      operations: new Map(
        HTTP_METHODS.filter((method) => item[method]).map((method) => [
          method.toUpperCase(),
          compileOperation(item, method, template),
        ]),
      ),
    };
  });

  const schemas = (spec as Node).components.schemas;
  const errorCheck = compile(schemas.Error);
  const issueCheck = compile(schemas.Issue);
  const ulidCheck = compile(schemas.Ulid);
  const dateTimeCheck = compile({ type: "string", format: "date-time" });
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text; // Malformed escapes are left for the parameter's schema to reject.
    }
  };

  return {
    match(method, pathname) {
      for (const route of routes) {
        const found = route.pattern.exec(pathname);
        if (!found) continue;
        const operation = route.operations.get(method);
        if (!operation) return { status: 405, allow: [...route.operations.keys()].join(", ") };
        const params = Object.fromEntries(route.names.map((name, i) => [name, decode(found[i + 1] ?? "")]));
        return { operation, params };
      }
      return { status: 404 };
    },
    checkError: (body) => explain(errorCheck(body, "field")),
    checkIssue: (issue) => explain(issueCheck(issue, "field")),
    issueProblems: (issue) => issueCheck(issue, "field"),
    operation: (operationId) =>
      routes
        .flatMap((route) => [...route.operations.values()])
        .find((found) => found.operationId === operationId),
    findOperation(name) {
      const [method, template] = name.split(" ");
      const all = routes.flatMap((route) => [...route.operations.entries()]);
      const found = all.find(
        ([verb, operation]) =>
          operation.operationId === name || (verb === method && operation.pathTemplate === template),
      );
      return found?.[1];
    },
    isUlid: (value) => ulidCheck(value, "field").length === 0,
    isDateTime: (value) => dateTimeCheck(value, "field").length === 0,
  };
}
