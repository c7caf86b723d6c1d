import createClient, { type Client } from "openapi-fetch";
import type { CreateIssue, Issue, IssueResolutionStatus, paths, UpdateIssue } from "../generated/issues.js";
import { IssuesApiError } from "./errors/issues-api-error.js";
import { type CallInfo, IssuesError } from "./errors/issues-error.js";
import type { RetryOptions } from "./retry.js";
import { createTransport, failure } from "./transport.js";

export interface IssuesClientOptions {
  /**
   * A Versori API key (or JWT id_token), sent as `Authorization: Bearer <token>`. It must be
   * printable ASCII, as any header value: the client refuses it otherwise.
   */
  token: string;
  /** The organisation every call acts on; filled into every path and into `create`'s body. */
  organisationId: string;
  /**
   * The API's base URL. Default `https://platform.versori.com/api/v2`. Plain `http://` is
   * refused unless the host is loopback, because the token would travel in clear text.
   */
  baseUrl?: string;
  /** The `fetch` to send requests with, for tests or instrumentation. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * How long one attempt may take, response body included, in ms: 1 to 2147483647. Default
   * 30000. The caller's `signal` can end a call sooner.
   */
  timeoutMs?: number;
  /**
   * Retries of GET and PATCH on network errors, timeouts and 408, 429, 500, 502, 503 and 504,
   * with exponential backoff and full jitter, honouring `Retry-After`. POST is never retried.
   * `false` turns retries off. Default `{ retries: 2 }`.
   */
  retry?: RetryOptions | false;
  /** Extra headers for every request, such as a `User-Agent`. `Authorization` is always ours. */
  headers?: Record<string, string>;
}

/** Options every method takes as its last argument. */
export interface CallOptions {
  /** Aborts the call, a pending retry wait included; the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The filters and paging of `list` and `listAll`. */
export type ListQuery = NonNullable<paths["/o/{organisation_id}/issues"]["get"]["parameters"]["query"]>;

/** The body of `create`: a CreateIssue without `organisationId`, which the client fills in. */
export type NewIssue = Omit<CreateIssue, "organisationId">;

export interface IssuesClient {
  /** One page of issues, oldest first. A page may be shorter than `first` even when more exist. */
  list(query?: ListQuery, options?: CallOptions): Promise<Issue[]>;
  /**
   * Every matching issue, fetched page by page as the loop asks for them. It pages with the
   * `after` cursor set to the last issue's ID, and stops only at an empty page, because a
   * server may return short pages.
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
  /** The underlying openapi-fetch client, with the same auth, timeout and retries. */
  raw: Client<paths>;
}

/** HTTPS, or plain HTTP to this machine only (`protocol + hostname`, as the URL parser gives them). */
const SECURE = /^(https:|http:(localhost|127\.[\d.]+|\[::1\])$)/;

/**
 * Creates a client for one organisation's issues. Its methods resolve with the API's data and
 * throw `IssuesApiError`, `IssuesNetworkError` or `IssuesTimeoutError`.
 *
 * @example
 * const issues = createIssuesClient({ token: process.env.VERSORI_API_KEY!, organisationId });
 * for await (const issue of issues.listAll({ status: "open", severity: "high" })) {
 *   await issues.acknowledge(issue.id);
 * }
 */
export function createIssuesClient(options: IssuesClientOptions): IssuesClient {
  const { token, organisationId } = options;
  const { protocol, hostname, href } = new URL(options.baseUrl ?? "https://platform.versori.com/api/v2");
  const baseUrl = href.replace(/\/$/, ""); // as the URL parser writes it, as requests will have it
  // Plain http would send the token in clear text; a token a header cannot carry would make
  // fetch throw an error that quotes it.
  if (!SECURE.test(protocol + hostname) || !/^[!-~]+$/.test(token)) {
    throw new TypeError("createIssuesClient needs an https baseUrl and a printable ASCII token");
  }

  const transport = createTransport(baseUrl, options);
  const raw = createClient<paths>({
    baseUrl,
    fetch: transport as never,
    headers: { ...options.headers, Authorization: `Bearer ${token}` },
  });

  /**
   * Sends one helper call through openapi-fetch and resolves with its parsed data, or throws
   * the client's error for it. openapi-fetch leaves the body to this function (`parseAs:
   * "stream"`), which reads and parses it once, so a body that is cut off, stalls or is not
   * JSON becomes a typed error rather than a TypeError or a SyntaxError.
   */
  async function send<T>(
    request: (init: { parseAs: "stream"; fetch: (request: Request) => Promise<Response> }) => Promise<{
      error?: unknown;
      response: Response;
    }>,
    options?: CallOptions,
  ): Promise<T> {
    const call = {} as CallInfo; // filled in by the transport
    try {
      const { error, response } = await request({
        ...options,
        parseAs: "stream",
        fetch: (r) => transport(r, call),
      });
      if (!response.ok) throw new IssuesApiError(call, response.status, error);
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new IssuesApiError(call, response.status, {
          code: "invalid_json",
          message: text.slice(0, 100),
        });
      }
    } catch (error) {
      // The client's own errors and the caller's abort pass through, and so do errors
      // raised before anything was sent (call.method is set once a request is).
      throw error instanceof IssuesError || options?.signal?.aborted || !call.method
        ? error
        : failure(call, error);
    }
  }

  const organisation = { organisation_id: organisationId };
  const issue = (issue_id: string) => {
    // A URL parser would resolve "." and ".." as directory steps, however they are encoded.
    if (/^\.\.?$/.test(issue_id)) throw new TypeError(`bad issue ID ${issue_id}`);
    return { ...organisation, issue_id };
  };

  const client: IssuesClient = {
    list: (query = {}, options) =>
      send(
        (init) => raw.GET("/o/{organisation_id}/issues", { params: { path: organisation, query }, ...init }),
        options,
      ),

    async *listAll(query = {}, options) {
      let after = query.after;
      for (;;) {
        const page = await client.list({ ...query, after } as ListQuery, options);
        const last = page.at(-1);
        if (!last) return;
        // A server that ignored `after` would otherwise send the same page forever.
        if (last.id === after) throw new Error(`listAll: server ignored after=${after}`);
        yield* page;
        after = last.id;
      }
    },

    create: (body, options) =>
      send(
        (init) =>
          raw.POST("/o/{organisation_id}/issues", {
            params: { path: organisation },
            body: { ...body, organisationId },
            ...init,
          }),
        options,
      ),

    update: (issueId, body, options) =>
      send(
        (init) =>
          raw.PATCH("/o/{organisation_id}/issues/{issue_id}", {
            params: { path: issue(issueId) },
            body,
            ...init,
          }),
        options,
      ),

    acknowledge: (issueId, options) => client.update(issueId, { status: "acked" }, options),

    resolve: (issueId, resolution = "resolved", options) =>
      client.update(issueId, { status: "resolved", resolutionStatus: resolution }, options),

    raw,
  };
  return client;
}
