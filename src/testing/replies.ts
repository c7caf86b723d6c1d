/**
 * The answers the fake makes, before they become a `Response`: a status, a JSON body and any
 * headers, and the API's Error bodies it sends most often.
 */
import type { ErrorField } from "../../generated/issues.js";

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const errorReply = (status: number, code: string, message: string, extra: object = {}): Reply => ({
  status,
  body: { code, message, ...extra },
});

/** A 400 naming every bad field. */
export const validationFailed = (fields: ErrorField[]): Reply =>
  errorReply(400, "validation_failed", `the request is invalid: ${fields.map((f) => f.field).join(", ")}`, {
    fields,
  });

export const tooLarge = (limit: number): Reply =>
  errorReply(
    413,
    "content_too_large",
    `the request body is over the fake's limit of ${limit} bytes (maxBodyBytes)`,
  );

export const toResponse = (reply: Reply): Response =>
  Response.json(reply.body, { status: reply.status, headers: reply.headers ?? {} });
