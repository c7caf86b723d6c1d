/**
 * The answers a test injects: error responses with `failNext`, the checks made at the call, and
 * the reply each one becomes. A fault is sent as given, unchecked by the spec, so everything the
 * spec would catch is caught here instead, while the test's own stack is still on screen. The one
 * exception is `respondUncheckedNext`, whose answer is meant to break the spec.
 */
import { checkRecord, isRecord, misuse, shown } from "./misuse.js";
import type { Reply } from "./replies.js";

/** An error response to send instead of processing a request. */
export interface InjectedError {
  /** An HTTP status from 300 to 599. */
  status: number;
  /**
   * Sent as the `Retry-After` header (RFC 9110 §10.2.3): a whole number of seconds, or a string
   * such as an HTTP date. A string is sent as it is, so a malformed one can be tested too.
   */
  retryAfter?: string | number;
  /** The Error body's `code`. Default: the status text in snake case, such as `too_many_requests`. */
  code?: string;
  message?: string;
  /** Extra response headers, such as a `location` for a 3xx. */
  headers?: Record<string, string>;
}

/**
 * An answer to send exactly as given, never checked against the spec: see `respondUncheckedNext`.
 * It is for testing how consumer code copes with what the spec says cannot happen.
 */
export interface UncheckedAnswer {
  /** An HTTP status from 200 to 599, other than 204, 205 and 304. Default 200. */
  status?: number;
  /** The JSON body, sent as it is: a severity the spec lacks, a missing field. */
  body: unknown;
  headers?: Record<string, string>;
}

/** Which requests a fault applies to: one operation, by operationId or as `METHOD /path/template`. */
export interface FaultTarget {
  operation?: string;
}

export interface InjectedReply {
  status: number;
  body: { code: string; message: string };
  headers: Record<string, string>;
}

/** Status texts for the statuses a test is likely to inject; others get "Error". */
export const STATUS_TEXTS: Record<number, string> = {
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function injectedReply({ status, retryAfter, code, message, headers }: InjectedError): InjectedReply {
  const reason = STATUS_TEXTS[status] ?? "Error";
  const body = { code: code ?? reason.toLowerCase().replace(/\W+/g, "_"), message: message ?? reason };
  const extra = { ...headers, ...(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }) };
  return { status, body, headers: extra };
}

/**
 * Checks a `failNext` call's count and response, and returns the count as a number (Infinity for
 * "always"). `checkError` is the spec's check of an Error body.
 */
export function checkFault(
  count: unknown,
  response: unknown,
  checkError: (body: unknown) => string | undefined,
): number {
  if (count !== "always" && (!Number.isInteger(count) || (count as number) < 1)) {
    misuse(`failNext's count must be a positive integer or "always", not ${shown(count)}`);
  }
  if (!isRecord(response)) {
    misuse(`failNext's response must be an object such as { status: 503 }, not ${shown(response)}`);
  }
  const { status, retryAfter, headers } = response as Partial<InjectedError>;
  // 304 may carry no body, and every injected answer has an Error body.
  if (!Number.isInteger(status) || (status as number) < 300 || (status as number) > 599 || status === 304) {
    misuse(`an injected status must be an integer from 300 to 599, other than 304, not ${shown(status)}`);
  }
  // Retry-After's delay-seconds is 1*DIGIT: a number that is not one would be sent as "NaN" or "1.5".
  if (
    typeof retryAfter === "number" ? !(Number.isInteger(retryAfter) && retryAfter >= 0) : !isText(retryAfter)
  ) {
    misuse(
      `failNext's retryAfter must be a whole number of seconds ≥ 0 or a string (an HTTP date), not ${shown(retryAfter)}`,
    );
  }
  const extra = checkRecord(headers, "failNext's headers");
  const reply = injectedReply(response as unknown as InjectedError);
  const problem = checkError(reply.body);
  if (problem) misuse(`failNext's response breaks the spec's Error body: ${problem}`);
  checkHeaders({ ...extra, ...reply.headers });
  return count === "always" ? Number.POSITIVE_INFINITY : (count as number);
}

/** Headers a test injects: each one must be sendable, or the answer would fail far from the call. */
function checkHeaders(headers: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n\0]/.test(String(value))) misuse(`the injected header ${name} holds a line break or NUL`);
    try {
      new Headers([[name, String(value)]]);
    } catch {
      misuse(
        `the injected header ${JSON.stringify(name)} cannot be sent: a header name is a token, its value Latin-1`,
      );
    }
  }
}

/**
 * Checks a `respondUncheckedNext` answer and returns it as a reply. Only what could not be sent at
 * all is refused (a status a `Response` cannot have, a body that is not JSON, a header with a line
 * break); what the spec would say is deliberately not asked.
 */
export function checkUncheckedAnswer(answer: unknown): Reply {
  if (!isRecord(answer)) {
    misuse(`respondUncheckedNext's answer must be an object such as { body: {…} }, not ${shown(answer)}`);
  }
  const { status = 200, body, headers } = answer as Partial<UncheckedAnswer>;
  if (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599) {
    misuse(`respondUncheckedNext's status must be an integer from 200 to 599, not ${shown(status)}`);
  }
  if (NULL_BODY_STATUSES.has(status)) misuse(`respondUncheckedNext: a ${status} carries no body`);
  if (!("body" in answer)) misuse("respondUncheckedNext needs a body, the JSON to send");
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    misuse(`respondUncheckedNext's body cannot be sent as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) misuse(`respondUncheckedNext's body cannot be sent as JSON, not ${shown(body)}`);
  const extra = checkRecord(headers, "respondUncheckedNext's headers");
  checkHeaders(extra);
  // A copy as JSON: the test may change its object before the request arrives.
  return { status, body: JSON.parse(text), headers: { ...extra } };
}

/** Statuses whose response has no body (Fetch's null body statuses, with 1xx refused above). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

const isText = (value: unknown) => value === undefined || typeof value === "string";
