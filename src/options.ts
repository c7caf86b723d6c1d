/**
 * Every option the client takes, for the client as a whole and for one call. Types only: every
 * other file imports from here, and this file imports nothing of the client's.
 */
import type { CreateIssue, paths } from "../generated/issues.js";

/** When and how long to wait before trying a request again. */
export interface RetryOptions {
  /** Retries after the first attempt: an integer from 0 to 10. Default 2. */
  retries?: number | undefined;
  /** The first backoff's ceiling, in ms; it doubles on each retry. 0 to 3600000. Default 250. */
  minDelayMs?: number | undefined;
  /**
   * The longest wait before a retry, in ms: minDelayMs to 3600000. Backoff is capped at it, and
   * a `Retry-After` that asks for longer is not waited for: the error is returned at once.
   * Default 20000.
   */
  maxDelayMs?: number | undefined;
}

/** What one attempt did, for logs and metrics: see `onAttempt`. */
export interface AttemptInfo {
  /** The HTTP method, such as `GET`. */
  method: string;
  /** The path below the base URL, with the query. */
  path: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  /** From sending the request to reading the whole response body, or to the failure. */
  durationMs: number;
  /** The response's status, when there was a response. */
  status?: number | undefined;
  /** Why the attempt failed without a usable response: the network's error or a timeout. */
  error?: unknown;
  /** Set when another attempt follows: how long the client waits before it, in ms. */
  retryInMs?: number | undefined;
}

export interface IssuesClientOptions {
  /**
   * A Versori API key (or JWT id_token), sent as `Authorization: Bearer <token>`: printable
   * ASCII without spaces.
   */
  token: string;
  /** The organisation every call acts on; filled into every path and into `create`'s body. */
  organisationId: string;
  /**
   * The API's base URL. Default `https://platform.versori.com/api/v2`. The token is sent only
   * to URLs below it. Plain `http://` is refused unless the host is this machine (`localhost`,
   * `127.x.x.x`, `[::1]`) or `allowInsecureHttp` is set.
   */
  baseUrl?: string | undefined;
  /**
   * Allows a plain `http://` baseUrl on another host, such as a fake server in a container
   * (`http://issues-fake:8080`). The token then travels in clear text, readable by anyone on the
   * network path: never set it for the real API.
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * The `fetch` to send requests with, for tests or instrumentation. Default `globalThis.fetch`.
   * A wrapper must pass on its second argument, which carries each attempt's timeout signal.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * How long one attempt may take, response body included, in ms: 1 to 2147483647. Default
   * 30000. The caller's `signal` can end a call sooner.
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of GET and PATCH on network errors, timeouts and 408, 429, 500, 502, 503 and 504,
   * with exponential backoff and full jitter, honouring `Retry-After`. POST is never retried.
   * `false` turns retries off. Default `{ retries: 2 }`.
   */
  retry?: RetryOptions | false | undefined;
  /** Extra headers for every request, such as a `User-Agent`. `Authorization` is always ours. */
  headers?: Record<string, string> | undefined;
  /**
   * The largest response body the client reads, in bytes. A bigger one ends the attempt with an
   * `IssuesApiError` whose code is `response_too_large`. Default 16777216 (16 MiB).
   */
  maxResponseBytes?: number | undefined;
  /** Called after every attempt, retries included, with what it did. What it throws is ignored. */
  onAttempt?: ((attempt: AttemptInfo) => void) | undefined;
}

/** Options every method takes as its last argument. */
export interface CallOptions {
  /** Aborts the call, a pending retry wait included; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** This call's `timeoutMs`, instead of the client's. */
  timeoutMs?: number | undefined;
  /** This call's `retry`, instead of the client's (left-out fields take their defaults). */
  retry?: RetryOptions | false | undefined;
  /**
   * Headers for this call, over the client's `headers`, such as a request ID or an
   * `Idempotency-Key` of your own. Sent with every attempt; `Authorization` is always the client's.
   */
  headers?: Record<string, string> | undefined;
}

/** The options of `find`: a call's, and how far it walks. */
export interface FindOptions extends CallOptions {
  /**
   * The most list pages it requests, the list's empty last page included: a positive integer.
   * Default 100, as Versori's CLI.
   */
  maxPages?: number | undefined;
}

/** The filters and paging of `list`, `listAll` and `find`. */
export type ListQuery = NonNullable<paths["/o/{organisation_id}/issues"]["get"]["parameters"]["query"]>;

/** The body of `create`: a CreateIssue without `organisationId`, which the client fills in. */
export type NewIssue = Omit<CreateIssue, "organisationId">;
