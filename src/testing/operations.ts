/**
 * What each operation of the API does to the fake's issues, once its request has satisfied the
 * spec: path parameters and query defaults are guaranteed by then.
 */
import type { CreateIssue, UpdateIssue } from "../../generated/issues.js";
import type { CompiledSpec, ParsedRequest } from "../spec/index.js";
import { type ListIssuesQuery, listIssues } from "./list-rules.js";
import { errorReply, type Reply, validationFailed } from "./replies.js";
import { consistentStatus, resolutionProblems } from "./resolution-rules.js";
import type { IssueStore } from "./store.js";

export type OperationHandlers = Record<string, (request: ParsedRequest) => Reply>;

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
