export { createIssuesClient } from "./client.js";
export type { CallOptions, IssuesClient, IssuesClientOptions, ListQuery, NewIssue } from "./client.js";
export type { RetryOptions } from "./retry.js";
export { IssuesError } from "./errors/issues-error.js";
export { IssuesApiError } from "./errors/issues-api-error.js";
export { IssuesNetworkError } from "./errors/issues-network-error.js";
export { IssuesTimeoutError } from "./errors/issues-timeout-error.js";
export type * from "./types.js";
