/**
 * What each operation of the API does to the fake's issues, once its request has satisfied the
 * spec: path parameters and query defaults are guaranteed by then. There is one handler for each
 * operation of the generated types, or createOperations does not compile, and the fake refuses
 * at creation a spec with an operation it has no handler for (`checkSpecCoverage`).
 */
import type { CreateIssue, operations, UpdateIssue } from "../../generated/issues.js";
import { HTTP_METHODS, type OpenApiDocument, type OperationObject } from "../spec/document.js";
import type { CompiledSpec, ParsedRequest } from "../spec/index.js";
import { type ListIssuesQuery, listIssues, listParameterProblem } from "./list-rules.js";
import { errorReply, type Reply, validationFailed } from "./replies.js";
import { consistentStatus, resolutionProblems } from "./resolution-rules.js";
import type { IssueStore } from "./store.js";

/** An operation of the spec, by its operationId. */
export type OperationId = keyof operations;

export type OperationHandler = (request: ParsedRequest) => Reply;

export type OperationHandlers = Record<OperationId, OperationHandler>;

export interface OperationContext {
  store: IssueStore;
  spec: CompiledSpec;
  now: () => Date;
  /** The page size now: it may change between requests. */
  maxPageSize: () => number;
}

export function createOperations({ store, spec, now, maxPageSize }: OperationContext): OperationHandlers {
  return {
    ListIssues: ({ params, query }) =>
      listIssues(store, spec, params.organisation_id!, query as ListIssuesQuery, maxPageSize()),
    CreateIssue: ({ params, body }) => {
      const fields = body as CreateIssue;
      if (fields.organisationId !== params.organisation_id) {
        return validationFailed([
          { field: "organisationId", message: "must equal the organisation_id in the path" },
        ]);
      }
      return { status: 201, body: store.insert(fields, now()) };
    },
    UpdateIssue: ({ params, body }) => {
      const organisationId = params.organisation_id!;
      const issueId = params.issue_id!;
      const current = store.find(organisationId, issueId);
      if (!current) return errorReply(404, "not_found", "issue does not exist");
      const changes = body as UpdateIssue;
      const problems = resolutionProblems(changes.status ?? current.status, changes);
      if (problems.length > 0) return validationFailed(problems);
      return { status: 200, body: store.update(organisationId, issueId, consistentStatus(changes, now())) };
    },
  };
}

/** The spec's operations, each with the query parameters it takes, its path's included. */
function operationsOf(document: OpenApiDocument): { operationId: string; query: string[] }[] {
  return Object.values(document.paths).flatMap((item) =>
    HTTP_METHODS.flatMap((method) => {
      const operation: OperationObject | undefined = item[method];
      if (!operation) return [];
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      const query = parameters.filter((parameter) => parameter.in === "query").map(({ name }) => name);
      return [{ operationId: operation.operationId, query: [...new Set(query)] }];
    }),
  );
}

/**
 * Refuses a spec the fake cannot serve as the spec says, with an Error that names each problem
 * on a line of its own and the file to change: an operation without a handler here, or ListIssues
 * query parameters that src/testing/list-rules.ts does not read.
 */
export function checkSpecCoverage(document: OpenApiDocument, handlers: OperationHandlers): void {
  const found = operationsOf(document);
  const problems: string[] = [];
  const list = found.find(({ operationId }) => operationId === "ListIssues");
  const listProblem = list && listParameterProblem(list.query);
  if (listProblem) problems.push(listProblem);
  const unhandled = found.map(({ operationId }) => operationId).filter((id) => !Object.hasOwn(handlers, id));
  if (unhandled.length > 0) {
    const where = unhandled.length === 1 ? "add one" : "add one each";
    problems.push(
      `the fake has no handler for ${unhandled.join(", ")}: ${where} in src/testing/operations.ts`,
    );
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
