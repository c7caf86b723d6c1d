import type { Error as ErrorBody, ErrorField } from "../../generated/issues.js";
import { type CallInfo, IssuesError } from "./issues-error.js";

/**
 * The API answered, but not with what the call asked for: an error status (4xx, 5xx), a redirect
 * (3xx, never followed), or a success body that is not what the spec promises. `code`, `fields`
 * and `details` come from the API's `Error` body, as far as they have the spec's types (a
 * `details` that is not a string, or an entry of `fields` without a string `field` and
 * `message`, is left out); when the body is not one (a proxy's HTML page, say), `code` is
 * `unknown` and the message is `HTTP <status>`. The client's own codes are
 * `redirect`, `invalid_json`, `invalid_body` and `response_too_large`. Any text the server
 * echoed of the token is replaced by `[REDACTED]`.
 *
 * @example
 * try {
 *   await issues.update(issueId, { status: "acked" });
 * } catch (error) {
 *   if (error instanceof IssuesApiError && error.status === 404) console.log("no such issue");
 *   else throw error;
 * }
 */
export class IssuesApiError extends IssuesError {
  override name = "IssuesApiError";
  /** The HTTP status code. */
  declare readonly status: number;
  /** The API's machine-readable error code, such as `not_found` or `validation_failed`. */
  declare readonly code: string;
  /** The invalid fields of a 400 response: `[{ field: "labels.env", message: "…" }]`. */
  declare readonly fields: ErrorField[];
  /** Extra detail for debugging. */
  declare readonly details: string | undefined;
  /** The response's headers, such as a request ID to quote when reporting a problem. */
  declare readonly headers: Headers;
  /** On 429 and 503: how long the server asked the client to wait, in ms, when it said. */
  declare readonly retryAfterMs: number | undefined;
  /** On a redirect: where the server pointed. The client never follows it. */
  declare readonly location: string | undefined;

  constructor(call: CallInfo, status: number, body: unknown, headers: Headers, retryAfterMs?: number) {
    // A body that is not an Error object (a proxy's HTML page, say) gives defaults only.
    const {
      code = "unknown",
      message = `HTTP ${status}`,
      fields = [],
      details,
    }: Partial<ErrorBody> = Object(body);
    super(call, `${status} ${code}: ${message}`);
    const location = headers.get("location") ?? undefined;
    // A server's `fields` that is not a list would break the usual loop over it.
    const fieldList = Array.isArray(fields) ? fields : [];
    Object.assign(this, { status, code, fields: fieldList, details, headers, retryAfterMs, location });
  }
}
