/**
 * `versori-issues-api/validate`: checks the API's answers against the spec, with the validator
 * the fake uses. Versori's own CLI docs list a severity (`critical`) that the published enum
 * lacks; with this, such a value is caught where it arrives instead of deep in a `switch` that
 * its types say cannot meet it. Opt-in: the client entry does not grow when it is not used.
 *
 * @example
 * const issues = createIssuesClient({ token, organisationId, validateResponse: validateResponses("throw") });
 */
// The client entry's own class: the built entry imports it from dist/index.js, not a copy, so
// that `instanceof IssuesError` holds.
import { IssuesError } from "../errors/issues-error.js";
import type { ResponseToValidate } from "../options.js";
import { compileSpec, type Problem } from "../testing/validation.js";

/**
 * A success response broke the spec: `field` is where in the body (`[0].severity`), `value` what
 * was there, and `problem` what the spec expected.
 */
export class IssuesValidationError extends IssuesError {
  override name = "IssuesValidationError";
  declare readonly status: number;
  declare readonly field: string;
  declare readonly value: unknown;
  declare readonly problem: string;

  constructor(response: ResponseToValidate, { field, message, value }: Problem) {
    super(response, `response ${response.status}: ${field} ${message} (got ${JSON.stringify(value)})`);
    Object.assign(this, { status: response.status, field, value, problem: message });
  }
}

/**
 * A `validateResponse` for `createIssuesClient`. `"throw"` rejects the call with an
 * `IssuesValidationError` for the first field that breaks the spec; `"warn"` passes each such
 * error to `console.warn`, and a function gets them instead; with either, the data is returned.
 */
export function validateResponses(
  onInvalid: "throw" | "warn" | ((error: IssuesValidationError) => void) = "throw",
): (response: ResponseToValidate) => void {
  const spec = compileSpec();
  const report =
    onInvalid === "warn" ? (error: IssuesValidationError) => console.warn(error.message) : onInvalid;
  return (response) => {
    const match = spec.match(response.method, response.path.split("?")[0]!);
    if (!("operation" in match)) return; // not an operation of the spec: nothing to check it against
    const problems = match.operation.responseProblems(response.status, response.body);
    for (const problem of problems) {
      const error = new IssuesValidationError(response, problem);
      if (report === "throw") throw error;
      report(error);
    }
  };
}
