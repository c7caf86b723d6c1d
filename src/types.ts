/**
 * The Issues API's types, compiled from openapi/issues.yaml into generated/issues.ts.
 *
 * `paths` plugs into openapi-fetch's `createClient<paths>()`; `Issue`, `CreateIssue`,
 * `UpdateIssue`, `IssueStatus` and the other schema names are aliases of `components["schemas"]`.
 */
export type * from "../generated/issues.js";
export type { Error as ApiError } from "../generated/issues.js";
