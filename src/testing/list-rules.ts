/**
 * How the fake answers ListIssues: newest first (the store's `listOrder`), the filters, `first`
 * within `maxPageSize`, and `after` and `before` read either way the API's users write them (an
 * issue ID or an RFC 3339 timestamp), both meaning a place in that order.
 */
import type { ErrorField, operations } from "../../generated/issues.js";
import type { CompiledSpec } from "../spec/index.js";
import { type Reply, validationFailed } from "./replies.js";
import { type IssueStore, type Key, keyOf } from "./store.js";

/** ListIssues' query once parsed: the spec's defaults fill in `first` and `search_date`. */
export type ListIssuesQuery = NonNullable<operations["ListIssues"]["parameters"]["query"]> & {
  first: number;
  search_date: "createdAt" | "lastSeenAt";
};

export function listIssues(
  store: IssueStore,
  spec: CompiledSpec,
  organisationId: string,
  query: ListIssuesQuery,
  maxPageSize: number,
): Reply {
  const fields: ErrorField[] = [];
  const bound = (name: "after" | "before"): Key | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (spec.isUlid(value)) {
      const issue = store.find(organisationId, value);
      if (issue) return keyOf(issue, query.search_date);
      fields.push({ field: name, message: "must be the ID of an issue in this organisation" });
    } else if (spec.isDateTime(value) && !Number.isNaN(Date.parse(value))) {
      // A timestamp bounds by the instant alone: `after` gives the issues strictly earlier
      // (further down the newest-first list), `before` those strictly later. At one instant the
      // list runs from the largest ID down, so "" is past every ID and "~" ahead of every ID:
      // either way the issues at exactly this instant fall outside.
      return { time: Date.parse(value), id: name === "after" ? "" : "~" };
    } else {
      fields.push({ field: name, message: "must be an issue ID or an RFC 3339 timestamp" });
    }
    return undefined;
  };
  const after = bound("after");
  const before = bound("before");
  if (fields.length > 0) return validationFailed(fields);
  const issues = store.list(organisationId, {
    searchDate: query.search_date,
    status: query.status,
    severity: query.severity,
    projectId: query.project_id,
    environmentId: query.environment_id,
    after,
    before,
    limit: Math.min(query.first, maxPageSize),
  });
  return { status: 200, body: issues };
}
