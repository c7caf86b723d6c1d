import { IssuesError } from "./issues-error.js";

/**
 * An attempt took longer than its `timeoutMs` (the response body included), and no retry was
 * left. `cause` is the platform's `TimeoutError`.
 */
export class IssuesTimeoutError extends IssuesError {
  override name = "IssuesTimeoutError";
}
