/**
 * The client's methods. Each sends its request through openapi-fetch, whose `fetch` is the
 * transport (http/transport.ts): the methods turn what comes back into the API's data or the
 * client's errors.
 */
import createClient, { type Client } from "openapi-fetch";
import type {
  Error as ErrorBody,
  Issue,
  IssueResolutionStatus,
  paths,
  UpdateIssue,
} from "../generated/issues.js";
import { IssuesApiError } from "./errors/issues-api-error.js";
import type { CallInfo } from "./errors/issues-error.js";
import { IssuesPagingError } from "./errors/issues-paging-error.js";
import { redact, redactHeaders } from "./errors/redact.js";
import { createTransport, type Exchange } from "./http/transport.js";
import type { CallOptions, IssuesClientOptions, ListQuery, NewIssue } from "./options.js";
import { callSettings, checkId, clientSettings } from "./settings.js";

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
   */
  raw: Client<paths>;
}

/** Statuses whose response may not have a body, as the Response constructor insists. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** What a method expects in a success body. */
type Shape = "issues" | "issue";

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
  const exchange = createTransport(settings);

  const raw = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: settings.headers,
    // On every Request openapi-fetch builds, so that even a `fetch` that ignores its second
    // argument does not follow a redirect. The transport adds the token.
    redirect: "manual",
    // A raw call gets the whole response, whatever its status, rebuilt from the body its
    // attempt read; a browser's opaque redirect, which has no status to rebuild, as it is.
    fetch: async (request: Request) => {
      const { response, text } = await exchange(request, { ...settings, signal: request.signal });
      if (response.type === "opaqueredirect") return response;
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, response);
    },
  });

  /**
   * The error for a response that is not a success, with anything it echoed of the token removed.
   * `parsed` is the body as openapi-fetch read it, when middleware answered.
   */
  function errorFor({ response, text, call, retryAfterMs }: Exchange, parsed?: unknown): IssuesApiError {
    const headers = redactHeaders(response.headers, token);
    // A browser hides a redirect's status and location from fetch: an "opaqueredirect", status 0.
    const redirected =
      response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
    let body: unknown;
    if (redirected) {
      body = {
        code: "redirect",
        message: `redirected to ${headers.get("location") ?? "a location the browser hides"}`,
      };
    } else {
      try {
        body = errorBody(parsed ?? JSON.parse(text));
      } catch {
        // Not JSON (a proxy's HTML page, say): the error says the status only.
      }
    }
    return new IssuesApiError(call, response.status, body, headers, retryAfterMs);
  }

  /**
   * The parts of an Error body the spec types, with the token redacted. Only these are read, and
   * nothing walks the rest: a body may nest deeper than any recursion can follow.
   */
  function errorBody(value: unknown): Partial<Record<keyof ErrorBody, unknown>> {
    const { code, message, details, fields } = Object(value);
    const text = (part: unknown) => (typeof part === "string" ? redact(part, token) : undefined);
    const field = (entry: unknown) => {
      const { field, message } = Object(entry);
      return { field: text(field), message: text(message) };
    };
    return {
      code: text(code),
      message: text(message),
      details: text(details),
      fields: Array.isArray(fields)
        ? fields.map(field).filter((entry) => entry.field !== undefined && entry.message !== undefined)
        : [],
    };
  }

  /** Why a success body is not what the method expects, or undefined when it is. */
  function shapeProblem(data: unknown, shape: Shape): string | undefined {
    const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
    const isIssue = (value: unknown) => isObject(value) && typeof (value as Issue).id === "string";
    const fits = shape === "issue" ? isIssue(data) : Array.isArray(data) && data.every(isIssue);
    return fits ? undefined : `not ${shape === "issue" ? "an issue" : "an array of issues"}`;
  }

  /**
   * Sends one method's request through openapi-fetch and resolves with its parsed data and the
   * call it took. The transport reads the body within the attempt; an error status rejects
   * from inside openapi-fetch's `fetch`, where its cause is known.
   */
  async function send<T>(
    request: (init: { parseAs: "stream"; fetch: (request: Request) => Promise<Response> }) => Promise<{
      response: Response;
      error?: unknown;
    }>,
    options: CallOptions | undefined,
    shape: Shape,
  ): Promise<{ data: T; call: CallInfo }> {
    const call = callSettings(settings, options);
    let exchanged: Exchange | undefined;
    const { response, error } = await request({
      parseAs: "stream",
      fetch: async (request) => {
        exchanged = await exchange(request, call);
        if (!exchanged.response.ok) throw errorFor(exchanged);
        return exchanged.response;
      },
    });
    // Middleware (raw.use) may have answered in the transport's place: then its response is
    // judged here, as the transport's would have been.
    const result: Exchange =
      exchanged?.response === response
        ? exchanged
        : {
            response,
            text: response.ok ? await response.text() : "",
            call: { method: "", path: response.url, attempts: 0 },
            retryAfterMs: undefined,
          };
    // openapi-fetch has read an error's body already, and parsed it when it was JSON: it is
    // taken as it is, since writing it out again could overflow the stack on a deep one.
    if (!response.ok) throw errorFor(result, error);
    const bodyError = (code: string, message: string) =>
      new IssuesApiError(
        result.call,
        response.status,
        { code, message },
        redactHeaders(response.headers, token),
      );
    if (result.text === "") throw bodyError("invalid_body", "an empty body");
    let data: unknown;
    try {
      data = JSON.parse(result.text);
    } catch {
      throw bodyError("invalid_json", `not JSON: ${redact(result.text, token).slice(0, 100)}`);
    }
    const problem = shapeProblem(data, shape);
    if (problem) throw bodyError("invalid_body", problem);
    return { data: data as T, call: result.call };
  }

  const organisation = { organisation_id: organisationId };
  const issuePath = (issueId: string) => ({ ...organisation, issue_id: checkId("issueId", issueId) });

  const listPage = (query: ListQuery, options: CallOptions | undefined) =>
    send<Issue[]>(
      (init) => raw.GET("/o/{organisation_id}/issues", { params: { path: organisation, query }, ...init }),
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

    create: async (body, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.POST("/o/{organisation_id}/issues", {
              params: { path: organisation },
              body: { ...body, organisationId },
              ...init,
            }),
          options,
          "issue",
        )
      ).data,

    update: async (issueId, body, options) =>
      (
        await send<Issue>(
          (init) =>
            raw.PATCH("/o/{organisation_id}/issues/{issue_id}", {
              params: { path: issuePath(issueId) },
              body,
              ...init,
            }),
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
