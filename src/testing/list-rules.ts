/**
 * How the fake answers ListIssues: newest first (the store's `listOrder`), the filters, `first`
 * within `maxPageSize`, and `after` and `before` read either way the API's users write them (an
 * issue ID or an RFC 3339 timestamp), both meaning a place in that order.
 *
 * Its query type is the generated one, so that a parameter renamed in the spec fails to compile
 * where the old name is read here; `LIST_PARAMETERS` is what the fake, at creation, checks the
 * spec's parameters against, so that a new one cannot be silently ignored.
 */
import type { ErrorField, paths } from "../../generated/issues.js";
import type { CompiledSpec } from "../spec/index.js";
import { type Reply, validationFailed } from "./replies.js";
import { type IssueStore, type Key, keyOf } from "./store.js";

/** ListIssues' query as the spec's generated types have it. */
type SpecQuery = NonNullable<paths["/o/{organisation_id}/issues"]["get"]["parameters"]["query"]>;

/** The parameters the spec gives a default, which the spec engine fills in before a handler runs. */
type Defaulted = "first" | "search_date";

/** ListIssues' query once parsed: the spec's defaults fill in `first` and `search_date`. */
export type ListIssuesQuery = Omit<SpecQuery, Defaulted> & Required<Pick<SpecQuery, Defaulted>>;

/**
 * Every ListIssues query parameter these rules read. It must name exactly the generated query's
 * parameters: one more or one fewer does not compile.
 */
const LIST_PARAMETERS = {
  first: true,
  after: true,
  before: true,
  search_date: true,
  status: true,
  severity: true,
  project_id: true,
  environment_id: true,
} as const satisfies Record<keyof SpecQuery, true>;

const quoted = (names: string[]) => names.map((name) => JSON.stringify(name)).join(", ");

/**
 * Why these rules cannot serve the spec's ListIssues, given the names of its query parameters:
 * the ones they do not know and the ones they read that the spec lacks; undefined when they match.
 */
export function listParameterProblem(specNames: readonly string[]): string | undefined {
  const known: readonly string[] = Object.keys(LIST_PARAMETERS);
  const unknown = specNames.filter((name) => !known.includes(name));
  const dropped = known.filter((name) => !specNames.includes(name));
  const parameters = (names: string[]) => `ListIssues query parameter${names.length === 1 ? "" : "s"}`;
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`does not know ${parameters(unknown)} ${quoted(unknown)}`);
  if (dropped.length > 0) {
    const which = unknown.length > 0 ? quoted(dropped) : `${parameters(dropped)} ${quoted(dropped)}`;
    parts.push(`reads ${which}, which the spec no longer has`);
  }
  return parts.length === 0
    ? undefined
    : `the fake ${parts.join(" and ")}: teach it in src/testing/list-rules.ts`;
}

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
