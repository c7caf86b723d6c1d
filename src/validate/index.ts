/**
 * `versori-issues-api/validate`: checks the API's answers against the spec, with the validator
 * the fake uses. The API has answered with more than its published description says (Versori's
 * CLI validates a `critical` severity the published enum lacked); with this, a value the spec
 * does not know is caught where it arrives instead of deep in a `switch` that its types say
 * cannot meet it. It wraps a client, so the client entry does not grow by a byte when it is not
 * used.
 *
 * @example
 * const issues = validateResponses(createIssuesClient({ token, organisationId }), "throw");
 */
import type { Issue } from "../../generated/issues.js";
import type { IssuesClient } from "../client.js";
import type { CallInfo } from "../errors/issues-error.js";
import { IssuesValidationError } from "../errors/issues-validation-error.js";
import { preview } from "../errors/preview.js";
import { compileSpec, type Problem } from "../spec/index.js";

export { IssuesValidationError } from "../errors/issues-validation-error.js";

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
    const operation = spec.operation(operationId)!;
    const call: CallInfo = { method: operation.method, path: operation.pathTemplate, attempts: 1 };
    let errors: IssuesValidationError[];
    try {
      errors = check().map((problem) => new IssuesValidationError(call, operationId, problem));
    } catch (cause) {
      const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : preview(cause);
      const problem = { field: "body", message, value: data, cause };
      errors = [new IssuesValidationError(call, operationId, problem, { checked: false })];
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
    // Only the issue it found: the pages it walked past are not the caller's data.
    async find(issueId, query, options) {
      const result = await client.find(issueId, query, options);
      if (result.found) judge("ListIssues", result.issue, () => spec.issueProblems(result.issue));
      return result;
    },
    create: (issue, options) => client.create(issue, options).then(checked("CreateIssue", 201)),
    update: (issueId, changes, options) => client.update(issueId, changes, options).then(updated),
    acknowledge: (issueId, options) => client.acknowledge(issueId, options).then(updated),
    resolve: (issueId, resolution, options) => client.resolve(issueId, resolution, options).then(updated),
    raw: client.raw,
  };
  return validated;
}
