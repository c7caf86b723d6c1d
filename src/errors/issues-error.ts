/** What every error of this client says about the call that failed. */
export interface CallInfo {
  /** The HTTP method, such as `PATCH`. */
  readonly method: string;
  /** The path below the base URL, with the query, such as `/o/01K…/issues?status=open`. */
  readonly path: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
}

/**
 * The base class of the client's errors. Its message reads `[METHOD /path] what went wrong`.
 * It never holds the request, its headers or the token.
 */
export class IssuesError extends Error {
  // Written out, not taken from the class, whose name a consumer's minifier may change.
  override name = "IssuesError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly attempts: number;

  constructor(call: CallInfo, detail: string, options?: { cause?: unknown }) {
    super(`[${call.method} ${call.path}] ${detail}`, options);
    const { method, path, attempts } = call;
    Object.assign(this, { method, path, attempts });
  }
}
