/**
 * What a client user may catch without the API having answered with an error status: the
 * client's own failures, as README's "### Errors" names them. Kept by hand, in this one table;
 * test/docs/sections.test.ts makes each of them happen and checks the class, the code and
 * whether it was retried.
 */
export interface ClientFailure {
  /** What happened, for the page. */
  what: string;
  /** The class a user catches, as its `name` says. */
  errorClass: "IssuesApiError" | "IssuesNetworkError" | "IssuesTimeoutError";
  /** The client's own `code`, for an IssuesApiError. */
  code?: string;
  /** Whether the client tries again, where it may repeat the request (status-rows.ts). */
  retried: boolean;
}

export const CLIENT_FAILURES: readonly ClientFailure[] = [
  { what: "No complete response: refused, reset, cut off", errorClass: "IssuesNetworkError", retried: true },
  { what: "An attempt longer than `timeoutMs`", errorClass: "IssuesTimeoutError", retried: true },
  {
    what: "A redirect (3xx), never followed; `location` says where",
    errorClass: "IssuesApiError",
    code: "redirect",
    retried: false,
  },
  {
    what: "A success body that is not JSON",
    errorClass: "IssuesApiError",
    code: "invalid_json",
    retried: false,
  },
  {
    what: "A success body that is empty, or JSON of the wrong shape",
    errorClass: "IssuesApiError",
    code: "invalid_body",
    retried: false,
  },
  {
    what: "A body over `maxResponseBytes`",
    errorClass: "IssuesApiError",
    code: "response_too_large",
    retried: false,
  },
];
