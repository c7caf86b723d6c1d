export { createIssuesClient } from "./client.js";
export type { FindResult, IssuesClient } from "./client.js";
export type {
  AttemptInfo,
  CallOptions,
  FindOptions,
  IssuesClientOptions,
  ListQuery,
  NewIssue,
  RetryOptions,
} from "./options.js";
export { IssuesError } from "./errors/issues-error.js";
export { IssuesApiError } from "./errors/issues-api-error.js";
export { IssuesNetworkError } from "./errors/issues-network-error.js";
export { IssuesTimeoutError } from "./errors/issues-timeout-error.js";
export { IssuesPagingError } from "./errors/issues-paging-error.js";
export type * from "./types.js";
