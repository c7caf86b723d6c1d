/**
 * The fake's own answers checked against the spec before they are sent, so that a fake that
 * drifts from the spec fails the test loudly instead of teaching the client something false.
 */
import type { CompiledSpec, Operation } from "../spec/index.js";
import { errorReply, type Reply } from "./replies.js";

/**
 * `reply` if the spec allows it for `operation` (or, with none, as an Error body); otherwise a
 * 500 `fake_server_bug` that names the problem.
 */
export function conform(spec: CompiledSpec, reply: Reply, operation: Operation | undefined): Reply {
  const sent: unknown = JSON.parse(JSON.stringify(reply.body)); // what the client will see
  const problem = operation ? operation.checkResponse(reply.status, sent) : spec.checkError(sent);
  if (problem === undefined) return reply;
  const message = `the fake server's ${reply.status} response does not match the spec`;
  return errorReply(500, "fake_server_bug", message, { details: problem });
}
