/** The IssuesApiError for a response the client cannot use, with the token kept out of it. */
import type { Error as ErrorBody } from "../../generated/issues.js";
import { retryAfterMs } from "../http/retry-policy.js";
import { IssuesApiError } from "./issues-api-error.js";
import type { CallInfo } from "./issues-error.js";
import { redact, redactHeaders } from "./redact.js";

/**
 * `parsed` is the body as openapi-fetch read it: parsed when it was JSON, text otherwise. It is
 * taken as it is, since writing it out again could overflow the stack on a deep one.
 */
export function responseError(response: Response, parsed: unknown, call: CallInfo, token: string) {
  const headers = redactHeaders(response.headers, token);
  // Below 400, a response that is not a success is a redirect: a 3xx, or the "opaqueredirect" of a
  // browser, which hides a redirect's status (0) and location from fetch.
  const body =
    response.status < 400
      ? {
          code: "redirect",
          message: `redirected to ${headers.get("location") ?? "a location the browser hides"}`,
        }
      : errorBody(parsed, token);
  return new IssuesApiError(call, response.status, body, headers, retryAfterMs(response));
}

/**
 * The IssuesApiError for a response whose body the client cannot use (too large, empty, not JSON,
 * not the shape the call expects), whatever its status, with the token kept out of its headers.
 */
export function bodyError(response: Response, call: CallInfo, token: string, code: string, message: string) {
  return new IssuesApiError(call, response.status, { code, message }, redactHeaders(response.headers, token));
}

/**
 * The parts of an Error body the spec types, with the token redacted. Only these are read, and
 * nothing walks the rest: a body may nest deeper than any recursion can follow. A body that is
 * not an Error (a proxy's HTML page, say) has none of them, and the error says the status only.
 */
function errorBody(value: unknown, token: string): Partial<Record<keyof ErrorBody, unknown>> {
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
