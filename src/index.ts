export { createIssuesClient } from "./client.ts";
export type { CallOptions, IssuesClient, IssuesClientOptions, ListQuery, NewIssue } from "./client.ts";
export type { RetryOptions } from "./retry.ts";
export { IssuesError } from "./errors/issues-error.ts";
export { IssuesApiError } from "./errors/issues-api-error.ts";
export { IssuesNetworkError } from "./errors/issues-network-error.ts";
export { IssuesTimeoutError } from "./errors/issues-timeout-error.ts";
export type * from "./types.ts";
