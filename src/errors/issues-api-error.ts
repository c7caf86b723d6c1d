import type { Error as ErrorBody, ErrorField } from "../../generated/issues.js";
import { type CallInfo, IssuesError } from "./issues-error.js";

/**
 * The API answered with an error status (4xx or 5xx), or with a success body that is not JSON.
 * `code`, `fields` and `details` come from the API's `Error` body. When the body is not one
 * (a proxy's HTML page, say), `code` is `unknown` and the message is `HTTP <status>`.
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
  /** Extra detail for debugging, such as a request ID. */
  declare readonly details: string | undefined;

  constructor(call: CallInfo, status: number, body: unknown) {
    // A body that is not an Error object (a proxy's HTML page, say) gives defaults only.
    const {
      code = "unknown",
      message = `HTTP ${status}`,
      fields = [],
      details,
    }: Partial<ErrorBody> = Object(body);
    super(call, `${status} ${code}: ${message}`);
    Object.assign(this, { status, code, fields, details });
  }
}
