/**
 * The spec engine: routing and validation derived from the dereferenced bundle, so that what
 * checks requests and responses (the fake, `validateResponses`) accepts exactly what the spec
 * allows, and nothing written by hand can drift. It has one job, and no idea who asks.
 */
import { type Check, compileSchema, explain, type Problem } from "./check.js";
import { document } from "./document.js";
import type { Operation } from "./operation.js";
import { compileRoutes, type Match } from "./router.js";

export type { Problem } from "./check.js";
export type { Operation, ParsedRequest, RawRequest } from "./operation.js";
export type { Match } from "./router.js";

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

/** Compiles the spec's routes and validators; done once per fake or validated client. */
export function compileSpec(): CompiledSpec {
  const router = compileRoutes(document.paths);
  const { schemas } = document.components;
  const schema = (name: string): Check => compileSchema(schemas[name]!);
  const errorCheck = schema("Error");
  const issueCheck = schema("Issue");
  const ulidCheck = schema("Ulid");
  const dateTimeCheck = compileSchema({ type: "string", format: "date-time" });

  return {
    match: router.match,
    checkError: (body) => explain(errorCheck(body, "field")),
    checkIssue: (issue) => explain(issueCheck(issue, "field")),
    issueProblems: (issue) => issueCheck(issue, "field"),
    operation: (operationId) => router.operations.find((found) => found.operationId === operationId),
    findOperation(name) {
      const [method, template] = name.split(" ");
      return router.operations.find(
        (operation) =>
          operation.operationId === name ||
          (operation.method === method && operation.pathTemplate === template),
      );
    },
    isUlid: (value) => ulidCheck(value, "field").length === 0,
    isDateTime: (value) => dateTimeCheck(value, "field").length === 0,
  };
}
