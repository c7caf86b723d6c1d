/**
 * `versori-issues-api/validate`: checks the API's answers against the spec, with the validator
 * the fake uses. Versori's own CLI docs list a severity (`critical`) that the published enum
 * lacks; with this, such a value is caught where it arrives instead of deep in a `switch` that
 * its types say cannot meet it. It wraps a client, so the client entry does not grow by a byte
 * when it is not used.
 *
 * @example
 * const issues = validateResponses(createIssuesClient({ token, organisationId }), "throw");
 */
import type { Issue } from "../../generated/issues.js";
import type { IssuesClient } from "../client.js";
import { compileSpec, type Problem } from "../spec/index.js";
import { preview } from "./preview.js";

/**
 * An answer of the API broke the spec: `field` is where in the body (`[0].severity`), `value`
 * what was there, and `problem` what the spec expected.
 */
export class IssuesValidationError extends Error {
  override name = "IssuesValidationError";
  /** The operation whose answer it was, such as `ListIssues`. */
  declare readonly operationId: string;
  declare readonly field: string;
  declare readonly value: unknown;
  declare readonly problem: string;

  /**
   * With a `cause`, the answer could not be checked at all (the validator itself failed on it):
   * `field` is `body` and `problem` says why.
   */
  constructor(operationId: string, { field, message, value }: Problem, options?: { cause: unknown }) {
    // The value is shown cut short: it came from the server, and may be huge or deeply nested.
    const got = `(got ${preview(value)})`;
    super(
      options
        ? `${operationId}'s answer could not be checked against the spec (${message}) ${got}`
        : `${operationId} answered against the spec: ${field} ${message} ${got}`,
      options,
    );
    Object.assign(this, { operationId, field, value, problem: message });
  }
}

export type OnInvalid = "throw" | "warn" | ((error: IssuesValidationError) => void);

/**
 * `client`, with every method's answer checked against the spec. `"throw"` rejects the call with
 * an `IssuesValidationError` for the first field that breaks it; `"warn"` passes each error's
 * message to `console.warn`, and a function gets each error instead; with either, the data is
 * returned. `raw` calls are not checked.
 */
export function validateResponses(client: IssuesClient, onInvalid: OnInvalid = "throw"): IssuesClient {
  const spec = compileSpec();
  const report =
    onInvalid === "warn" ? (error: IssuesValidationError) => console.warn(error.message) : onInvalid;

  /**
   * Reports every problem `check` finds in `data`. Whatever the validator throws on an answer it
   * cannot handle becomes an IssuesValidationError too, so that "warn" never rejects a call.
   */
  function judge(operationId: string, data: unknown, check: () => Problem[]) {
    let errors: IssuesValidationError[];
    try {
      errors = check().map((problem) => new IssuesValidationError(operationId, problem));
    } catch (cause) {
      const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : preview(cause);
      errors = [new IssuesValidationError(operationId, { field: "body", message, value: data }, { cause })];
    }
    for (const error of errors) {
      if (report === "throw") throw error;
      report(error);
    }
  }

  /** Checks a method's data as the body of its operation's success response. */
  const checked =
    (operationId: string, status: number) =>
    <T>(data: T): T => {
      judge(operationId, data, () => spec.operation(operationId)!.responseProblems(status, data));
      return data;
    };
  const listed = checked("ListIssues", 200);
  const updated = checked("UpdateIssue", 200);

  const validated: IssuesClient = {
    list: (query, options) => client.list(query, options).then(listed),
    async *listAll(query, options) {
      for await (const issue of client.listAll(query, options)) {
        judge("ListIssues", issue, () => spec.issueProblems(issue));
        yield issue as Issue;
      }
    },
    create: (issue, options) => client.create(issue, options).then(checked("CreateIssue", 201)),
    update: (issueId, changes, options) => client.update(issueId, changes, options).then(updated),
    acknowledge: (issueId, options) => client.acknowledge(issueId, options).then(updated),
    resolve: (issueId, resolution, options) => client.resolve(issueId, resolution, options).then(updated),
    raw: client.raw,
  };
  return validated;
}
