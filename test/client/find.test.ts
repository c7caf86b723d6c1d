/**
 * `find`: one issue by ID, by walking the list, against the fake Issues server on loopback. The
 * tests learn which page an issue is on from the fake's own listing (`pageOf`), so they hold
 * whatever order the list is in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  createIssuesClient,
  type FindResult,
  type Issue,
  type IssuesClient,
  IssuesPagingError,
  type ListQuery,
} from "../../src/index.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { IssuesValidationError, validateResponses } from "../../src/validate/index.ts";
import { ENV, ORG, UNKNOWN_ISSUE } from "../support/fixtures.ts";

let server: FakeIssuesServer;
let issues: IssuesClient;

beforeAll(async () => {
  server = await startFakeIssuesServer();
  issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId: ORG });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** Stores `count` issues, every third one of low severity and the rest high. */
function seed(count: number): Issue[] {
  return server.seed(
    Array.from({ length: count }, (_, i) => ({
      organisationId: ORG,
      environmentId: ENV,
      reason: "error",
      title: `#${i}`,
      severity: i % 3 === 0 ? "low" : "high",
    })),
  );
}

/** The list requests the fake has seen. */
const listRequests = () => server.requests.filter((r) => r.method === "GET");

/** Each listed issue's page, 1 for the first, as listAll walks the list with this query. */
async function pagesOf(query: ListQuery): Promise<Map<string, number>> {
  const start = listRequests().length;
  const pages = new Map<string, number>();
  for await (const issue of issues.listAll(query)) pages.set(issue.id, listRequests().length - start);
  return pages;
}

/** An issue that listAll finds on `page` with this query. */
async function onPage(page: number, query: ListQuery): Promise<string> {
  const found = [...(await pagesOf(query))].find(([, on]) => on === page);
  if (!found) throw new Error(`no issue on page ${page}`);
  return found[0];
}

/** Runs `find` and resolves with what it came to and the list requests it made. */
async function counted(...args: Parameters<IssuesClient["find"]>) {
  const start = listRequests().length;
  const result = await issues.find(...args);
  return { result, requests: listRequests().slice(start) };
}

describe("find", () => {
  it("finds an issue on the first page with one request", async () => {
    seed(24);
    const id = await onPage(1, { first: 3 });
    const { result, requests } = await counted(id, { first: 3 });
    expect(result).toEqual({ found: true, issue: server.issues().find((i) => i.id === id), pages: 1 });
    expect(requests).toHaveLength(1);
  });

  it("walks to page 7, one request a page, passing each page's last ID as after", async () => {
    seed(24);
    const id = await onPage(7, { first: 3 });
    const { result, requests } = await counted(id, { first: 3 });
    expect(result).toMatchObject({ found: true, issue: { id }, pages: 7 });
    expect(requests).toHaveLength(7);
    expect(new Set(requests.map((r) => r.path)).size).toBe(7);
    expect(requests.slice(1).every((r) => r.path.includes("after="))).toBe(true);
  });

  it("walks only the issues its filters match", async () => {
    seed(24);
    const filtered = { first: 3, severity: "high" } as const;
    const pages = await pagesOf(filtered);
    const [id, page] = [...pages].at(-1)!;
    const { result, requests } = await counted(id, filtered);
    expect(result).toMatchObject({ found: true, pages: page });
    expect(requests).toHaveLength(page);
    expect(requests.every((r) => r.path.includes("severity=high"))).toBe(true);
    // The same issue with the other filter is not there at all.
    const low = await issues.find(id, { first: 3, severity: "low" });
    expect(low).toMatchObject({ found: false, cutShort: false });
  });

  it("says not found when the list ends within the bound, counting its empty last page", async () => {
    seed(24);
    const { result, requests } = await counted(UNKNOWN_ISSUE, { first: 3 });
    expect(result).toEqual({ found: false, pages: 9, cutShort: false });
    expect(requests).toHaveLength(9); // 8 pages of 3, then the empty one
  });

  it("says the walk was cut short when the bound stops it before the list ends", async () => {
    seed(24);
    const id = await onPage(7, { first: 3 });
    const { result, requests } = await counted(id, { first: 3 }, { maxPages: 6 });
    expect(result).toEqual({ found: false, pages: 6, cutShort: true });
    expect(requests).toHaveLength(6);
    // The bound is on pages: the last one it allows still counts.
    expect(await issues.find(id, { first: 3 }, { maxPages: 7 })).toMatchObject({ found: true, pages: 7 });
  });

  it("walks at most 100 pages by default, as Versori's CLI", async () => {
    seed(101);
    const { result, requests } = await counted(UNKNOWN_ISSUE, { first: 1 });
    expect(result).toEqual({ found: false, pages: 100, cutShort: true });
    expect(requests).toHaveLength(100);
  });

  it("retries a page as list does: a 503 with Retry-After on page 3", async () => {
    seed(24);
    const id = await onPage(7, { first: 3 });
    const failThird = () => {
      if (listRequests().length === start + 2) server.failNext(1, { status: 503, retryAfter: 0 });
    };
    const start = listRequests().length;
    server.events.on("request:start", failThird);
    const { result, requests } = await counted(id, { first: 3 }).finally(() =>
      server.events.off("request:start", failThird),
    );
    expect(result).toMatchObject({ found: true, pages: 7 });
    expect(requests).toHaveLength(8);
    expect(requests[3]!.path).toBe(requests[2]!.path);
  });

  it("rejects with the signal's reason when aborted mid-walk, and sends nothing more", async () => {
    seed(24);
    const id = await onPage(7, { first: 3 });
    const controller = new AbortController();
    const reason = new Error("the user went away");
    const start = listRequests().length;
    const third = server.events.waitFor("request:start", () => listRequests().length === start + 3);
    const pending = issues.find(id, { first: 3 }, { signal: controller.signal });
    await third;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    // Once a later request has arrived, nothing of the walk's came before it.
    await issues.list({ first: 1 });
    expect(listRequests().slice(start)).toHaveLength(4);
  });

  it("ends with IssuesPagingError when the server repeats a page, as listAll does", async () => {
    seed(6);
    const first = await issues.list({ first: 3 });
    // A server that ignores the cursor: every request gets the first page again.
    const repeating = createIssuesClient({
      baseUrl: server.url,
      token: server.token,
      organisationId: ORG,
      fetch: async () => Response.json(first),
    });
    await expect(repeating.find(UNKNOWN_ISSUE, { first: 3 })).rejects.toBeInstanceOf(IssuesPagingError);
  });

  it("refuses an ID that is not a ULID, and a bound that is not a positive integer, sending nothing", async () => {
    seed(3);
    for (const bad of ["", "01m7yh1p1gbz3k5xsb17zqd65w", "../issues", 42 as never]) {
      await expect(issues.find(bad)).rejects.toThrow(
        new TypeError(`versori-issues-api: issueId is not a ULID: ${bad}`),
      );
    }
    for (const maxPages of [0, -1, 1.5, Number.NaN, "3" as never]) {
      await expect(issues.find(UNKNOWN_ISSUE, {}, { maxPages })).rejects.toThrow(
        /^versori-issues-api: maxPages /,
      );
    }
    expect(listRequests()).toHaveLength(0);
  });

  it("is typed: the outcome must be narrowed before its issue is read", async () => {
    expectTypeOf(issues.find).returns.toEqualTypeOf<Promise<FindResult>>();
    const result = await issues.find(UNKNOWN_ISSUE);
    // @ts-expect-error an outcome that was not found has no issue
    void result.issue;
    if (result.found) expectTypeOf(result.issue).toEqualTypeOf<Issue>();
    else expectTypeOf(result.cutShort).toEqualTypeOf<boolean>();
    expectTypeOf(result.pages).toEqualTypeOf<number>();
    // @ts-expect-error maxPages is a number
    void issues.find(UNKNOWN_ISSUE, {}, { maxPages: "5" }).catch(() => {});
    // @ts-expect-error the filters are the list's
    void issues.find(UNKNOWN_ISSUE, { assignee: "someone" }).catch(() => {});
  });

  it("through validateResponses, checks the issue it found against the spec", async () => {
    const [stored] = seed(1);
    const broken = { ...stored!, seenCount: "4" };
    const client = createIssuesClient({
      baseUrl: server.url,
      token: server.token,
      organisationId: ORG,
      fetch: async (request) =>
        Response.json(new URL((request as Request).url).searchParams.has("after") ? [] : [broken]),
    });
    await expect(validateResponses(client).find(stored!.id)).rejects.toMatchObject({
      constructor: IssuesValidationError,
      operationId: "ListIssues",
      field: "seenCount",
    });
    expect(await validateResponses(client).find(UNKNOWN_ISSUE)).toEqual({
      found: false,
      pages: 2,
      cutShort: false,
    });
  });
});
