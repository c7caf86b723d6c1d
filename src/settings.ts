/**
 * The client's options, checked once when the client is made (and a call's own options when the
 * call is made): a bad value throws a TypeError that names the option and the rule, and never
 * quotes the token.
 */
import type { AttemptInfo, CallOptions, IssuesClientOptions, RetryOptions } from "./options.js";

export interface RetrySettings {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** How one call is made: the client's settings, or the call's own where it gives them. */
export interface CallSettings {
  timeoutMs: number;
  retry: RetrySettings;
  /** The caller's signal, when there is one. */
  signal?: AbortSignal | undefined;
}

export interface Settings extends CallSettings {
  /** As the URL parser writes it, without a trailing slash: the prefix of every request's URL. */
  baseUrl: string;
  token: string;
  organisationId: string;
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  maxResponseBytes: number;
  onAttempt: ((attempt: AttemptInfo) => void) | undefined;
}

const HOUR_MS = 3_600_000;

function invalid(option: string, rule: string): never {
  throw new TypeError(`versori-issues-api: ${option} ${rule}`);
}

/**
 * `value`, an integer from `min` to `max`, or `fallback` when it is undefined. A bound set by
 * another option is named too: `from 0 to 50 (retry.maxDelayMs)`.
 */
function integer(option: string, value: unknown, min: number, max: number, fallback: number, maxFrom = "") {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    invalid(option, `must be an integer from ${min} to ${max}${maxFrom && ` (${maxFrom})`}, not ${value}`);
  }
  return value as number;
}

function retrySettings(retry: RetryOptions | false | undefined): RetrySettings {
  if (retry === false) return { retries: 0, minDelayMs: 0, maxDelayMs: 0 };
  const maxDelayMs = integer("retry.maxDelayMs", retry?.maxDelayMs, 0, HOUR_MS, 20_000);
  return {
    retries: integer("retry.retries", retry?.retries, 0, 10, 2),
    minDelayMs: integer(
      "retry.minDelayMs",
      retry?.minDelayMs,
      0,
      maxDelayMs,
      Math.min(250, maxDelayMs),
      "retry.maxDelayMs",
    ),
    maxDelayMs,
  };
}

/** The timeout: at most the longest delay setTimeout keeps. */
const timeout = (value: unknown, fallback: number) => integer("timeoutMs", value, 1, 2 ** 31 - 1, fallback);

/** An ID that goes into a path: "." and ".." would be read as directory steps, however encoded. */
export function checkId(option: string, id: unknown): string {
  if (typeof id !== "string" || id === "" || id === "." || id === "..")
    invalid(option, `is not an ID: ${id}`);
  return id;
}

/** An ID as the API writes it: a ULID, 26 characters of Crockford base32 in upper case. */
export function checkUlid(option: string, id: unknown): string {
  if (typeof id !== "string" || !/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(id))
    invalid(option, `is not a ULID: ${id}`);
  return id;
}

/** `find`'s bound on the pages it requests. */
export const maxPages = (value: unknown) => integer("maxPages", value, 1, 2 ** 53, 100);

/**
 * HTTPS, or plain HTTP to this machine (`localhost`, `[::1]`, 127.x.x.x) or with the opt-in; with
 * no credentials, query or fragment, which would end up in every request's URL.
 */
function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    invalid("baseUrl", `is not a URL: ${baseUrl}`);
  }
  const loopback = /^(localhost|\[::1\]|127(\.\d+){3})$/.test(url.hostname);
  const secure = url.protocol === "https:" || (url.protocol === "http:" && (loopback || allowInsecureHttp));
  if (!secure)
    invalid("baseUrl", "must be https, or the token travels in clear text (allowInsecureHttp allows http)");
  if (url.username || url.password || url.search || url.hash) {
    invalid("baseUrl", "must have no user, password, query or fragment");
  }
  return url.href.replace(/\/+$/, "");
}

function checkToken(token: unknown): string {
  if (typeof token !== "string" || token === "")
    invalid("token", "is missing (an unset environment variable?)");
  // It goes into a header: visible ASCII characters only, from "!" to "~".
  if (!/^[!-~]+$/.test(token)) invalid("token", "must be printable ASCII without spaces");
  return token;
}

export function clientSettings(options: IssuesClientOptions): Settings {
  return {
    baseUrl: checkBaseUrl(
      options.baseUrl ?? "https://platform.versori.com/api/v2",
      options.allowInsecureHttp,
    ),
    token: checkToken(options.token),
    organisationId: checkId("organisationId", options.organisationId),
    // The platform's fetch as it is at each call, not at creation: a mock (MSW) may replace it later.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: options.headers ?? {},
    timeoutMs: timeout(options.timeoutMs, 30_000),
    retry: retrySettings(options.retry),
    maxResponseBytes: integer("maxResponseBytes", options.maxResponseBytes, 1, 2 ** 53, 2 ** 24),
    onAttempt: options.onAttempt,
  };
}

/** One call's settings: the client's, with the call's own options checked and applied. */
export function callSettings(client: CallSettings, options: CallOptions | undefined): CallSettings {
  if (!options) return client;
  const { retry, signal } = options;
  return {
    timeoutMs: timeout(options.timeoutMs, client.timeoutMs),
    // A call's retry replaces the client's; the fields it leaves out take their defaults.
    retry: retry === undefined ? client.retry : retrySettings(retry),
    signal,
  };
}
