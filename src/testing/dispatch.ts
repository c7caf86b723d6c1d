/**
 * A request's way to its operation, as the API would answer it: an unknown route is a 404, a
 * method the route lacks a 405, a missing credential a 401, a request the spec refuses a 400
 * naming each field; only then does the operation run.
 */
import type { Match } from "../spec/index.js";
import { carriesToken } from "./auth.js";
import type { OperationHandler, OperationHandlers, OperationId } from "./operations.js";
import { errorReply, type Reply, validationFailed } from "./replies.js";

export type Dispatch = (request: Request, url: URL, match: Match, text: string) => Reply;

export function createDispatch(token: string, operations: OperationHandlers): Dispatch {
  return (request, url, match, text) => {
    const { method } = request;
    if ("status" in match) {
      if (match.status === 404) return errorReply(404, "not_found", `no route for ${method} ${url.pathname}`);
      const reply = errorReply(405, "method_not_allowed", `${method} is not allowed; use ${match.allow}`);
      return { ...reply, headers: { allow: match.allow } };
    }
    if (!carriesToken(request, token)) {
      const reply = errorReply(401, "unauthorized", "a valid bearer token or session cookie is required");
      return { ...reply, headers: { "www-authenticate": "Bearer" } };
    }
    const parsed = match.operation.parseRequest({
      params: match.params,
      search: url.searchParams,
      contentType: request.headers.get("content-type") ?? undefined,
      text,
    });
    if ("fields" in parsed) return validationFailed(parsed.fields);
    const { operationId } = match.operation;
    // The fake refuses at creation a spec with an operation it has no handler for.
    const handler: OperationHandler | undefined = Object.hasOwn(operations, operationId)
      ? operations[operationId as OperationId]
      : undefined;
    if (!handler)
      throw new Error(`the fake has no handler for ${operationId}: add one in src/testing/operations.ts`);
    return handler(parsed);
  };
}
