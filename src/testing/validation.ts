/**
 * Routing and validation derived from the bundled spec (generated/openapi.json), so that the fake
 * server accepts and sends exactly what the spec allows, and nothing written by hand can drift.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import spec from "../../generated/openapi.json" with { type: "json" };
import type { ErrorField } from "../../generated/issues.js";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

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
}

export type Match =
  { operation: Operation; params: Record<string, string> } | { status: 404 } | { status: 405; allow: string };

export interface CompiledSpec {
  match(method: string, pathname: string): Match;
  /** Checks a response that belongs to no operation (an unknown route) against the Error schema. */
  checkError(body: unknown): string | undefined;
  /** Why `issue` is not an Issue as the spec describes it, naming the field; undefined when it is. */
  checkIssue(issue: unknown): string | undefined;
  isUlid(value: string): boolean;
  isDateTime(value: string): boolean;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");
const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/** Follows local `$ref`s, returning the node and its JSON pointer so that Ajv can reference it. */
function resolve(node: Node, pointer: string): { node: Node; pointer: string } {
  while (typeof node.$ref === "string") {
    pointer = node.$ref;
    node = pointer
      .slice(2)
      .split("/")
      .reduce((parent: Node, key) => parent[unescapePointer(key)], spec);
  }
  return { node, pointer };
}

function newAjv(options: Options): Ajv2020 {
  // Not strict: the spec carries OpenAPI keywords (`example`, `description`) that Ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...options });
  addFormats(ajv);
  ajv.addSchema(spec, "spec");
  return ajv;
}

/** A JSON path in the form `labels.env`, `items[0].name` or `labels["a.b"]`. */
function fieldPath(segments: string[]): string {
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(segment)) return path ? `${path}.${segment}` : segment;
    return `${path}[${JSON.stringify(segment)}]`;
  }, "");
}

function toFields(errors: ErrorObject[] | null | undefined, noun: string): ErrorField[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    let message = error.message ?? "is invalid";
    if (error.keyword === "required") {
      segments.push(error.params.missingProperty);
      message = "is required";
    } else if (error.keyword === "additionalProperties") {
      segments.push(error.params.additionalProperty);
      message = `is not a known ${noun}`;
    } else if (error.keyword === "enum") {
      message = `must be one of ${error.params.allowedValues.join(", ")}`;
    }
    // Only a body can be wrong as a whole (say, an array where an object belongs).
    return { field: fieldPath(segments) || "body", message };
  });
}

/** Compiles the spec's routes and validators; done once per server start. */
export function compileSpec(): CompiledSpec {
  const strict = newAjv({});
  // Path and query values arrive as strings; coercion turns `first=5` into the integer 5.
  const coercing = newAjv({ coerceTypes: true });
  const schemaAt = (ajv: Ajv2020, pointer: string) => ajv.compile({ $ref: `spec${pointer}` });
  const explain = (validate: ValidateFunction) => strict.errorsText(validate.errors, { dataVar: "body" });

  function compileParameters(parameters: Array<{ node: Node; pointer: string }>, location: string) {
    const own = parameters.filter(({ node }) => node.in === location);
    const validate = coercing.compile({
      type: "object",
      properties: Object.fromEntries(
        own.map(({ node, pointer }) => [node.name, { $ref: `spec${pointer}/schema` }]),
      ),
      required: own.filter(({ node }) => node.required).map(({ node }) => node.name),
      additionalProperties: false,
    });
    const defaults = own.flatMap(({ node, pointer }) => {
      const schema = resolve(node.schema, `${pointer}/schema`).node;
      return schema.default === undefined ? [] : [[node.name as string, schema.default] as const];
    });
    return { validate, defaults };
  }

  function compileOperation(
    item: Node,
    method: string,
    itemPointer: string,
    pathTemplate: string,
  ): Operation {
    const operation = item[method];
    const pointer = `${itemPointer}/${method}`;
    const parameters = [
      ...(item.parameters ?? []).map((p: Node, i: number) => resolve(p, `${itemPointer}/parameters/${i}`)),
      ...(operation.parameters ?? []).map((p: Node, i: number) => resolve(p, `${pointer}/parameters/${i}`)),
    ];
    const path = compileParameters(parameters, "path");
    const query = compileParameters(parameters, "query");

    const requestBody = operation.requestBody && resolve(operation.requestBody, `${pointer}/requestBody`);
    const bodies = new Map<string, ValidateFunction>(
      Object.keys(requestBody?.node.content ?? {}).map((type) => [
        type,
        schemaAt(strict, `${requestBody.pointer}/content/${escapePointer(type)}/schema`),
      ]),
    );
    const responses = new Map<string, ValidateFunction | undefined>(
      Object.entries(operation.responses as Node).map(([status, response]) => {
        const resolved = resolve(response, `${pointer}/responses/${status}`);
        const json = resolved.node.content?.["application/json"];
        return [status, json && schemaAt(strict, `${resolved.pointer}/content/application~1json/schema`)];
      }),
    );

    function parseBody(
      contentType: string | undefined,
      text: string,
    ): { body?: unknown; fields: ErrorField[] } {
      if (!requestBody) return { fields: [] };
      if (text === "") {
        return { fields: requestBody.node.required ? [{ field: "body", message: "is required" }] : [] };
      }
      const validate = bodies.get(contentType?.split(";")[0]?.trim().toLowerCase() ?? "");
      if (!validate) {
        const message = `must be sent with Content-Type ${[...bodies.keys()].join(" or ")}`;
        return { fields: [{ field: "body", message }] };
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { fields: [{ field: "body", message: "is not valid JSON" }] };
      }
      return { body, fields: validate(body) ? [] : toFields(validate.errors, "field") };
    }

    return {
      operationId: operation.operationId,
      pathTemplate,
      parseRequest({ params, search, contentType, text }) {
        const fields: ErrorField[] = [];
        if (!path.validate(params)) fields.push(...toFields(path.validate.errors, "parameter"));

        const values: Record<string, unknown> = {};
        for (const name of new Set(search.keys())) {
          const all = search.getAll(name);
          // No parameter in the spec is an array, so each takes exactly one value.
          if (all.length > 1) fields.push({ field: name, message: "must be given only once" });
          values[name] = all[0];
        }
        if (!query.validate(values)) fields.push(...toFields(query.validate.errors, "parameter"));
        for (const [name, value] of query.defaults) values[name] ??= value;

        const body = parseBody(contentType, text);
        fields.push(...body.fields);
        return fields.length > 0 ? { fields } : { params, query: values, body: body.body };
      },
      checkResponse(status, body) {
        const key = [String(status), "default"].find((k) => responses.has(k));
        if (key === undefined) return `${operation.operationId} declares no ${status} response`;
        const validate = responses.get(key);
        if (!validate) return `${operation.operationId}'s ${key} response declares no JSON body`;
        return validate(body) ? undefined : explain(validate);
      },
    };
  }

  const routes = Object.entries(spec.paths as Node).map(([template, item]: [string, Node]) => {
    const itemPointer = `#/paths/${escapePointer(template)}`;
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
          compileOperation(item, method, itemPointer, template),
        ]),
      ),
    };
  });

  const errorSchema = schemaAt(strict, "#/components/schemas/Error");
  const issueSchema = schemaAt(strict, "#/components/schemas/Issue");
  const ulid = schemaAt(strict, "#/components/schemas/Ulid");
  const dateTime = strict.compile({ type: "string", format: "date-time" });
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
    checkError: (body) => (errorSchema(body) ? undefined : explain(errorSchema)),
    checkIssue: (issue) =>
      issueSchema(issue)
        ? undefined
        : toFields(issueSchema.errors, "field")
            .map(({ field, message }) => `${field} ${message}`)
            .join("; "),
    isUlid: (value) => ulid(value),
    isDateTime: (value) => dateTime(value),
  };
}
