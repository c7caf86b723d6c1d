import { type CallInfo, IssuesError } from "./issues-error.js";
import { preview } from "./preview.js";

/** A field of an answer that breaks the spec: where, what the spec expected, what was there. */
export interface ValidationProblem {
  /** The JSON path in the body, such as `[0].severity`, or `body` for the body as a whole. */
  field: string;
  /** What the spec expected, such as `must be one of high, low, medium`. */
  message: string;
  value: unknown;
  /** What stopped the validator, when one thing did (a key no JSON pointer can name, say). */
  cause?: unknown;
}

/**
 * An answer of the API broke the spec (from `versori-issues-api/validate`): `field` is where in
 * the body (`[0].severity`), `value` what was there, and `problem` what the spec expected.
 * `method` and `path` are the operation's, the path as the spec writes it
 * (`/o/{organisation_id}/issues`); `attempts` is 1, the one answer that was checked. The message
 * shows the value cut short: it came from the server, and may be huge or deeply nested.
 *
 * @example
 * try {
 *   await validateResponses(issues).list();
 * } catch (error) {
 *   if (error instanceof IssuesValidationError) console.log(error.field, error.value); // "[1].severity" "critical"
 *   else throw error;
 * }
 */
export class IssuesValidationError extends IssuesError {
  override name = "IssuesValidationError";
  /** The operation whose answer it was, such as `ListIssues`. */
  declare readonly operationId: string;
  declare readonly field: string;
  declare readonly value: unknown;
  declare readonly problem: string;

  /**
   * With `checked: false`, the answer could not be checked at all (the validator itself failed
   * on it): `field` is `body`, `problem` says why, and `cause` is what the validator threw.
   */
  constructor(
    call: CallInfo,
    operationId: string,
    { field, message, value, cause }: ValidationProblem,
    { checked = true }: { checked?: boolean } = {},
  ) {
    const got = `(got ${preview(value)})`;
    super(
      call,
      checked
        ? `${operationId} answered against the spec: ${field} ${message} ${got}`
        : `${operationId}'s answer could not be checked against the spec (${message}) ${got}`,
      cause === undefined ? {} : { cause },
    );
    Object.assign(this, { operationId, field, value, problem: message });
  }
}
