/**
 * The tools' input and output schemas, read from the dereferenced bundle
 * (generated/openapi.dereferenced.json) when the server is made, not written here: a query
 * parameter added to ListIssues, or a field added to a request body or to Issue, reaches the
 * tools after `npm run generate`. Only the wrapping is ours: MCP wants an object at the root of
 * every schema, and `nextCursor`, `found`, `pages` and `cutShort` are what the tools add.
 */
import {
  document,
  HTTP_METHODS,
  type OperationObject,
  type Parameter,
  type SchemaObject,
} from "../spec/document.js";

/** A JSON Schema whose root is an object, as MCP requires of a tool's input and output. */
export interface ObjectSchema extends SchemaObject {
  type: "object";
  properties: Record<string, SchemaObject>;
  required?: string[];
}

/** What the spec says of an operation: its parameters (the path's and its own) and itself. */
interface SpecOperation {
  operation: OperationObject;
  parameters: (Parameter & { description?: string })[];
}

function specOperation(operationId: string): SpecOperation {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation?.operationId !== operationId) continue;
      return { operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])] };
    }
  }
  // The fake's coverage check names every operation the spec has; these are read from it.
  throw new Error(`the spec has no operation ${operationId}`);
}

const LIST = specOperation("ListIssues");
const CREATE = specOperation("CreateIssue");
const UPDATE = specOperation("UpdateIssue");

const json = (schema: unknown) => schema as SchemaObject;
const requestBody = ({ operation }: SpecOperation) =>
  json(operation.requestBody!.content["application/json"]!.schema);
const responseBody = ({ operation }: SpecOperation, status: string) =>
  json(operation.responses[status]!.content!["application/json"]!.schema);

/** A parameter's schema, with the parameter's description, which says what it filters. */
function parameterSchema(parameter: Parameter & { description?: string }): SchemaObject {
  const description = parameter.description ?? parameter.schema.description;
  return description === undefined ? parameter.schema : { ...parameter.schema, description };
}

/** The properties of `schema` named in `names`, in the spec's order. */
function pick(schema: SchemaObject, names: readonly string[]): Record<string, SchemaObject> {
  const properties = schema.properties as Record<string, SchemaObject>;
  return Object.fromEntries(Object.entries(properties).filter(([name]) => names.includes(name)));
}

const object = (properties: Record<string, SchemaObject>, required: string[] = []): ObjectSchema => ({
  type: "object",
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});

/** An issue ID, as UpdateIssue's `issue_id` path parameter describes it. */
const issueId = parameterSchema(UPDATE.parameters.find((parameter) => parameter.name === "issue_id")!);

/** Every query parameter of ListIssues, by name: the filters, `first` and the `after` / `before` cursors. */
const listParameters: Record<string, SchemaObject> = Object.fromEntries(
  LIST.parameters.filter((parameter) => parameter.in === "query").map((p) => [p.name, parameterSchema(p)]),
);

/** The cursors, which `find` has no use for: it walks from the newest issue. */
const CURSORS = ["after", "before"];

const issue = responseBody(UPDATE, "200");
const page = responseBody(LIST, "200");
const created = responseBody(CREATE, "201");
const update = requestBody(UPDATE);
const create = requestBody(CREATE);

/** The names of ListIssues' query parameters, which list_issues takes as they are. */
export const LIST_PARAMETERS = Object.keys(listParameters);

export const schemas = {
  listInput: object(listParameters),
  listOutput: object(
    {
      issues: page,
      nextCursor: {
        ...issueId,
        description:
          "The ID of the last issue on this page: pass it as `after` for the next, older page. " +
          "Absent when the page is empty, which is the end of the list.",
      },
    },
    ["issues"],
  ),

  findInput: object(
    {
      issueId,
      ...Object.fromEntries(Object.entries(listParameters).filter(([name]) => !CURSORS.includes(name))),
      maxPages: {
        type: "integer",
        minimum: 1,
        default: 100,
        description: "The most list pages to request before giving up, the empty last page included.",
      },
    },
    ["issueId"],
  ),
  findOutput: object(
    {
      found: { type: "boolean", description: "Whether the issue was on one of the pages walked." },
      issue: { ...json(page.items), description: "The issue, when it was found." },
      pages: { type: "integer", minimum: 0, description: "How many list requests the walk made." },
      cutShort: {
        type: "boolean",
        description:
          "When not found: true if `maxPages` stopped the walk before the end of the list, so the " +
          "issue may be further down; false if no issue the filters match has this ID.",
      },
    },
    ["found", "pages"],
  ),

  acknowledgeInput: object({ issueId }, ["issueId"]),
  resolveInput: object({ issueId, ...pick(update, ["resolutionStatus"]) }, ["issueId"]),
  updateInput: object({ issueId, ...pick(update, ["severity", "labels"]) }, ["issueId"]),
  /** CreateIssue's body without `organisationId`, which the client fills in from its settings. */
  createInput: object(
    Object.fromEntries(
      Object.entries(create.properties as Record<string, SchemaObject>).filter(
        ([name]) => name !== "organisationId",
      ),
    ),
    (create.required as string[]).filter((name) => name !== "organisationId"),
  ),

  issueOutput: issue as ObjectSchema,
  createdOutput: created as ObjectSchema,
};
