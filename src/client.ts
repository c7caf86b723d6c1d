/**
 * The client's methods. Each sends its request through openapi-fetch, whose `fetch` is the
 * transport (http/transport.ts): the methods turn what comes back into the API's data or the
 * client's errors.
 */
import type { Client } from "openapi-fetch";
import type { Issue, IssueResolutionStatus, paths, UpdateIssue } from "../generated/issues.js";
import type { CallInfo } from "./errors/issues-error.js";
import { IssuesPagingError } from "./errors/issues-paging-error.js";
import { redact } from "./errors/redact.js";
import { bodyError, responseError } from "./errors/response-error.js";
import { createRawClient } from "./http/raw-client.js";
import type { CallOptions, FindOptions, IssuesClientOptions, ListQuery, NewIssue } from "./options.js";
import { checkId, checkUlid, clientSettings, maxPages } from "./settings.js";

/**
 * What `find` came to: the issue, or that it is not among the pages walked. `pages` is how many
 * list requests the walk made. `cutShort` says that `maxPages` stopped it before the list's
 * empty last page, so the issue may be further down; otherwise no issue the filters match has
 * this ID.
 */
export type FindResult =
  { found: true; issue: Issue; pages: number } | { found: false; pages: number; cutShort: boolean };

export interface IssuesClient {
  /**
   * One page of issues, newest first (by `search_date`, then by ID), as Versori's CLI reads the
   * live API. A page may be shorter than `first` even when more exist.
   */
  list(query?: ListQuery, options?: CallOptions): Promise<Issue[]>;
  /**
   * Every matching issue, newest first, fetched page by page as the loop asks for them. It pages
   * with the `after` cursor set to the last issue's ID (the older issues follow it), and stops at an empty page, because a server may
   * return short pages. It never yields an issue twice: a page that repeats one ends it with an
   * `IssuesPagingError`.
   */
  listAll(query?: ListQuery, options?: CallOptions): AsyncGenerator<Issue, void, undefined>;
  /**
   * Finds one issue by its ID. The API has no way to get an issue by ID, so this walks the list
   * as `listAll` does (as Versori's CLI does), one request a page, each retried like `list`, and
   * stops at the page that holds the issue, at the list's empty last page, or after `maxPages`
   * pages (default 100). The filters narrow the walk, and `first` sets how many issues a page
   * costs. Rejects with a TypeError, before any request, when `issueId` is not a ULID.
   *
   * @example
   * const result = await issues.find(issueId, { status: "open" }, { maxPages: 20 });
   * if (result.found) console.log(result.issue.title);
   * else if (result.cutShort) console.log(`not in the first ${result.pages} pages`);
   */
  find(issueId: string, query?: ListQuery, options?: FindOptions): Promise<FindResult>;
  /** Creates an issue. Never retried: a lost response could otherwise record it twice. */
  create(issue: NewIssue, options?: CallOptions): Promise<Issue>;
  /** Changes the given fields of an issue and returns all of it. */
  update(issueId: string, changes: UpdateIssue, options?: CallOptions): Promise<Issue>;
  /** Sets `status: acked`. */
  acknowledge(issueId: string, options?: CallOptions): Promise<Issue>;
  /** Sets `status: resolved` and the given `resolutionStatus` (default `resolved`). */
  resolve(issueId: string, resolution?: IssueResolutionStatus, options?: CallOptions): Promise<Issue>;
  /**
   * The underlying openapi-fetch client, with the same auth, timeout, retries and refusal of
   * other origins. Its calls resolve with `{ data, error, response }` for any status, 3xx
   * included, and reject with the client's network and timeout errors.
   *
   * Every operation of the API has a method above, except the ones listed here. Operations with
   * no method of their own, called through `raw` only: none.
   *
   * Middleware added with `raw.use()` sees the methods' calls as it sees raw calls, once per call
   * whatever the retries. `onRequest` gets the Request before the first attempt, and may change or
   * replace it (the token is added to each attempt after it) or answer with a Response of its
   * own. `onResponse` gets the last attempt's response, whatever its status, with a body it can
   * read, and may replace it. `onError` is called only when no response came, with what the
   * call would otherwise reject with: an `IssuesNetworkError` or `IssuesTimeoutError` once no
   * retry is left, an `IssuesApiError` coded `response_too_large`, the `TypeError` that refuses a
   * URL outside baseUrl, or the signal's reason; it may answer with a Response instead. A method
   * judges whatever response comes out of the middleware as it would the transport's, and its
   * errors name the call's method, path and attempts (0 when onRequest answered).
   */
  raw: Client<paths>;
}

/** What a method expects in a success body, as its error names it: `not an issue`. */
type Shape = "an array of issues" | "an issue";

/** Whether a success body is what the method expects. */
function fits(data: unknown, shape: Shape): boolean {
  // Parsed JSON: only an object can have an `id`.
  const isIssue = (value: unknown) => typeof (value as Issue | null)?.id === "string";
  return shape === "an issue" ? isIssue(data) : Array.isArray(data) && data.every(isIssue);
}

/**
 * Creates a client for one organisation's issues. It checks its options at once (a TypeError
 * names the bad one); its methods resolve with the API's data and reject with `IssuesApiError`,
 * `IssuesNetworkError`, `IssuesTimeoutError` or `IssuesPagingError`.
 *
 * @example
 * const issues = createIssuesClient({ token: process.env.VERSORI_API_KEY!, organisationId });
 * for await (const issue of issues.listAll({ status: "open", severity: "high" })) {
 *   await issues.acknowledge(issue.id);
 * }
 */
export function createIssuesClient(options: IssuesClientOptions): IssuesClient {
  const settings = clientSettings(options);
  const { organisationId, token } = settings;
  const { raw, send: sendRaw } = createRawClient(settings);

  /**
   * Makes one method's call and resolves with its parsed data and the call it took. The response
   * is judged as it comes out of the middleware, whether the transport or middleware gave it.
   */
  async function send<T>(
    request: Parameters<typeof sendRaw>[0],
    options: CallOptions | undefined,
    shape: Shape,
  ): Promise<{ data: T; call: CallInfo }> {
    const { response, error, text, made } = await sendRaw(request, options);
    if (!response.ok) throw responseError(response, error, made, token);
    const invalid = (code: string, message: string) => bodyError(response, made, token, code, message);
    if (text === "") throw invalid("invalid_body", "an empty body");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw invalid("invalid_json", `not JSON: ${redact(text, token).slice(0, 100)}`);
    }
    if (!fits(data, shape)) throw invalid("invalid_body", `not ${shape}`);
    return { data: data as T, call: made };
  }

  const ISSUES = "/o/{organisation_id}/issues";
  const organisation = { organisation_id: organisationId };
  const issuePath = (issueId: string) => ({ ...organisation, issue_id: checkId("issueId", issueId) });

  const listPage = (query: ListQuery, options: CallOptions | undefined) =>
    send<Issue[]>(
      (init) => raw.GET(ISSUES, { params: { path: organisation, query }, ...init }),
      options,
      "an array of issues",
    );

  /**
   * The list's pages, each asked for as the walk goes on, the last one empty. A page that
   * repeats an issue already seen ends the walk with an IssuesPagingError.
   */
  async function* pages(query: ListQuery, options: CallOptions | undefined) {
    const seen = new Set<string>();
    let after = query.after;
    for (;;) {
      const { data: page, call } = await listPage({ ...query, after } as ListQuery, options);
      // A server that ignores `after`, goes back or goes round would repeat issues forever.
      for (const issue of page) {
        if (seen.has(issue.id)) throw new IssuesPagingError(call, after, issue.id);
        seen.add(issue.id);
      }
      yield page;
      if (page.length === 0) return;
      after = page.at(-1)!.id;
    }
  }

  const client: IssuesClient = {
    list: async (query = {}, options) => (await listPage(query, options)).data,

    async *listAll(query = {}, options) {
      for await (const page of pages(query, options)) {
        for (const issue of page) {
          options?.signal?.throwIfAborted();
          yield issue;
        }
      }
    },

    async find(issueId, query = {}, options) {
      checkUlid("issueId", issueId);
      const bound = maxPages(options?.maxPages);
      let walked = 0;
      for await (const page of pages(query, options)) {
        walked++;
        const issue = page.find((listed) => listed.id === issueId);
        if (issue) return { found: true, issue, pages: walked };
        if (walked === bound && page.length > 0) return { found: false, pages: walked, cutShort: true };
      }
      return { found: false, pages: walked, cutShort: false };
    },

    create: async (issue, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.POST(ISSUES, { params: { path: organisation }, body: { ...issue, organisationId }, ...init }),
          options,
          "an issue",
        )
      ).data,

    update: async (issueId, body, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.PATCH(`${ISSUES}/{issue_id}`, { params: { path: issuePath(issueId) }, body, ...init }),
          options,
          "an issue",
        )
      ).data,

    acknowledge: (issueId, options) => client.update(issueId, { status: "acked" }, options),

    resolve: (issueId, resolution = "resolved", options) =>
      client.update(issueId, { status: "resolved", resolutionStatus: resolution }, options),

    raw,
  };
  return client;
}
