/**
 * The client's methods. Each sends its request through openapi-fetch, whose `fetch` is the
 * transport (http/transport.ts): the methods turn what comes back into the API's data or the
 * client's errors.
 */
import type { Client } from "openapi-fetch";
import type { Issue, IssueResolutionStatus, paths, UpdateIssue } from "../generated/issues.js";
import { IssuesApiError } from "./errors/issues-api-error.js";
import type { CallInfo } from "./errors/issues-error.js";
import { IssuesPagingError } from "./errors/issues-paging-error.js";
import { redact, redactHeaders } from "./errors/redact.js";
import { responseError } from "./errors/response-error.js";
import { createRawClient } from "./http/raw-client.js";
import type { CallOptions, IssuesClientOptions, ListQuery, NewIssue } from "./options.js";
import { checkId, clientSettings } from "./settings.js";

export interface IssuesClient {
  /** One page of issues, oldest first. A page may be shorter than `first` even when more exist. */
  list(query?: ListQuery, options?: CallOptions): Promise<Issue[]>;
  /**
   * Every matching issue, fetched page by page as the loop asks for them. It pages with the
   * `after` cursor set to the last issue's ID, and stops at an empty page, because a server may
   * return short pages. It never yields an issue twice: a page that repeats one ends it with an
   * `IssuesPagingError`.
   */
  listAll(query?: ListQuery, options?: CallOptions): AsyncGenerator<Issue, void, undefined>;
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

/** What a method expects in a success body. */
type Shape = "issues" | "issue";

/** Why a success body is not what the method expects, or undefined when it is. */
function shapeProblem(data: unknown, shape: Shape): string | undefined {
  const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  const isIssue = (value: unknown) => isObject(value) && typeof (value as Issue).id === "string";
  const fits = shape === "issue" ? isIssue(data) : Array.isArray(data) && data.every(isIssue);
  return fits ? undefined : `not ${shape === "issue" ? "an issue" : "an array of issues"}`;
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
    const bodyError = (code: string, message: string) =>
      new IssuesApiError(made, response.status, { code, message }, redactHeaders(response.headers, token));
    if (text === "") throw bodyError("invalid_body", "an empty body");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw bodyError("invalid_json", `not JSON: ${redact(text, token).slice(0, 100)}`);
    }
    const problem = shapeProblem(data, shape);
    if (problem) throw bodyError("invalid_body", problem);
    return { data: data as T, call: made };
  }

  const ISSUES = "/o/{organisation_id}/issues";
  const organisation = { organisation_id: organisationId };
  const issuePath = (issueId: string) => ({ ...organisation, issue_id: checkId("issueId", issueId) });

  const listPage = (query: ListQuery, options: CallOptions | undefined) =>
    send<Issue[]>(
      (init) => raw.GET(ISSUES, { params: { path: organisation, query }, ...init }),
      options,
      "issues",
    );

  const client: IssuesClient = {
    list: async (query = {}, options) => (await listPage(query, options)).data,

    async *listAll(query = {}, options) {
      const yielded = new Set<string>();
      let after = query.after;
      for (;;) {
        const { data: page, call } = await listPage({ ...query, after } as ListQuery, options);
        if (page.length === 0) return;
        // A server that ignores `after`, goes back or goes round would repeat issues forever.
        for (const issue of page) {
          if (yielded.has(issue.id)) throw new IssuesPagingError(call, after, issue.id);
          yielded.add(issue.id);
        }
        for (const issue of page) {
          options?.signal?.throwIfAborted();
          yield issue;
        }
        after = page.at(-1)!.id;
      }
    },

    create: async (issue, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.POST(ISSUES, { params: { path: organisation }, body: { ...issue, organisationId }, ...init }),
          options,
          "issue",
        )
      ).data,

    update: async (issueId, body, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.PATCH(`${ISSUES}/{issue_id}`, { params: { path: issuePath(issueId) }, body, ...init }),
          options,
          "issue",
        )
      ).data,

    acknowledge: (issueId, options) => client.update(issueId, { status: "acked" }, options),

    resolve: (issueId, resolution = "resolved", options) =>
      client.update(issueId, { status: "resolved", resolutionStatus: resolution }, options),

    raw,
  };
  return client;
}
