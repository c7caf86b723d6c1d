import { IssuesError } from "./issues-error.js";

/**
 * The request never got a complete response: the connection was refused or reset, DNS failed,
 * or the response was cut off. `cause` is the underlying error. A POST that fails this way may
 * still have created the issue; it is not retried, because the API has no idempotency key.
 */
export class IssuesNetworkError extends IssuesError {
  override name = "IssuesNetworkError";
}
