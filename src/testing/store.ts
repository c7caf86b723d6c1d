/** The fake server's issues, kept in memory in creation order, and keyset pagination over them. */
import { MIN_ULID, monotonicFactory } from "ulid";
import type { Issue, IssueSeverity, IssueStatus, UpdateIssue } from "../../generated/issues.js";

/** An issue to insert directly. Fields left out get the same defaults a create request gets. */
export type SeedIssue = Pick<Issue, "organisationId" | "environmentId" | "title" | "reason"> & Partial<Issue>;

export type SearchDate = "createdAt" | "lastSeenAt";

/** An update's fields; one set to undefined is removed from the issue. */
export type Changes = { [Field in keyof UpdateIssue]?: UpdateIssue[Field] | undefined };

/**
 * A position in the list order, which is newest first, as Versori's CLI reads the live API: the
 * `search_date` timestamp as an instant, the later first, then the issue ID, the larger first.
 */
export interface Key {
  time: number;
  id: string;
}

export interface ListQuery {
  searchDate: SearchDate;
  status?: IssueStatus | undefined;
  severity?: IssueSeverity | undefined;
  projectId?: string | undefined;
  environmentId?: string | undefined;
  after?: Key | undefined;
  before?: Key | undefined;
  limit: number;
}

/**
 * The project an issue gets when it is created without one. The spec's CreateIssue.projectId
 * documents it: the nil ULID.
 */
export const NIL_ULID = MIN_ULID;

export const keyOf = (issue: Issue, searchDate: SearchDate): Key => ({
  time: Date.parse(issue[searchDate]),
  id: issue.id,
});

/** Negative when `a` comes before `b` in the list order (it is newer), positive when after. */
export const listOrder = (a: Key, b: Key): number =>
  b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class IssueStore {
  // A Map keeps insertion order, which is creation order.
  readonly #issues = new Map<string, Issue>();
  // Monotonic IDs sort in creation order even when the clock stands still.
  readonly #nextId = monotonicFactory();

  /** The issue `fields` describe, with a create's defaults and a new ID where none is given. */
  build(fields: SeedIssue, now: Date): Issue {
    const timestamp = now.toISOString();
    return {
      id: this.#nextId(now.getTime()),
      projectId: NIL_ULID,
      status: "open",
      message: "",
      labels: {},
      annotations: {},
      createdAt: timestamp,
      lastSeenAt: timestamp,
      seenCount: 1,
      resolvedAt: null,
      ...structuredClone(fields),
    };
  }

  has(id: string): boolean {
    return this.#issues.has(id);
  }

  /** Stores a built issue; throws when its ID is taken. */
  add(issue: Issue): Issue {
    if (this.#issues.has(issue.id)) throw new Error(`an issue with ID ${issue.id} already exists`);
    this.#issues.set(issue.id, structuredClone(issue));
    return structuredClone(issue);
  }

  insert(fields: SeedIssue, now: Date): Issue {
    return this.add(this.build(fields, now));
  }

  find(organisationId: string, id: string): Issue | undefined {
    const issue = this.#issues.get(id);
    return issue?.organisationId === organisationId ? structuredClone(issue) : undefined;
  }

  /** Applies only the fields present in `changes`; returns undefined for an unknown issue. */
  update(organisationId: string, id: string, changes: Changes): Issue | undefined {
    const issue = this.#issues.get(id);
    if (issue?.organisationId !== organisationId) return undefined;
    for (const [field, value] of Object.entries(structuredClone(changes))) {
      if (value === undefined) delete issue[field as keyof Issue];
      else Object.assign(issue, { [field]: value });
    }
    return structuredClone(issue);
  }

  list(organisationId: string, query: ListQuery): Issue[] {
    const matches = (issue: Issue) =>
      issue.organisationId === organisationId &&
      (query.status === undefined || issue.status === query.status) &&
      (query.severity === undefined || issue.severity === query.severity) &&
      (query.projectId === undefined || issue.projectId === query.projectId) &&
      (query.environmentId === undefined || issue.environmentId === query.environmentId);
    return [...this.#issues.values()]
      .filter(matches)
      .map((issue) => ({ issue, key: keyOf(issue, query.searchDate) }))
      .filter(({ key }) => !query.after || listOrder(key, query.after) > 0)
      .filter(({ key }) => !query.before || listOrder(key, query.before) < 0)
      .sort((a, b) => listOrder(a.key, b.key))
      .slice(0, query.limit)
      .map(({ issue }) => structuredClone(issue));
  }

  all(organisationId?: string): Issue[] {
    return [...this.#issues.values()]
      .filter((issue) => organisationId === undefined || issue.organisationId === organisationId)
      .map((issue) => structuredClone(issue));
  }

  clear(): void {
    this.#issues.clear();
  }
}
