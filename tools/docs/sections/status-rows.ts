/**
 * One row for each error status the spec's operations declare, `default` last: what it means
 * (the response's description), which operations return it, whether the client retries it (the
 * client's own policy, src/http/retry-policy.ts) and what a client user catches (the `code` of
 * the response's examples). A status added to the spec gets its row from the spec alone.
 */
import { STATUS_CODES } from "node:http";
import { mayRepeat, RETRYABLE_STATUSES, retryAfterMs } from "../../../src/http/retry-policy.ts";
import type { BundledSpec } from "../bundled-spec.ts";
import { operationsOf, resolvedObject, type SpecObject } from "../spec-reading.ts";

export interface StatusRow {
  /** The HTTP status, or `default` for any other the spec does not list. */
  status: number | "default";
  /** The status's reason phrase, such as `Too Many Requests`. */
  reason: string;
  /** What it means for this API: the response's description, on one line. */
  meaning: string;
  /** The operations that declare it, in the spec's order. */
  operations: { operationId: string; method: string }[];
  /** The `code` of each of the response's examples. */
  codes: string[];
  /** Whether an example has `fields`, the list of invalid fields. */
  hasFields: boolean;
  /** The class a client user catches for it. */
  errorClass: "IssuesApiError";
  /** Whether the status is one the client retries (for `default`: some statuses it covers are). */
  retried: boolean;
  /** Whether the client waits as long as its `Retry-After` asks. */
  retryAfter: boolean;
  /** Of the operations' methods, the ones the client may repeat. */
  repeatableMethods: string[];
  /** For `default`: the statuses the client retries that no operation lists. */
  otherRetriedStatuses: number[];
}

/** The spec's methods the client may send again, in the spec's order. */
export const repeatableMethods = (spec: BundledSpec): string[] =>
  unique(operationsOf(spec).map(({ method }) => method)).filter(mayRepeat);

/** Every error status any operation declares, in numeric order, then `default`. */
export function statusRows(spec: BundledSpec): StatusRow[] {
  const byStatus = new Map<string, { operations: StatusRow["operations"]; response: SpecObject }>();
  for (const { operationId, method, operation } of operationsOf(spec)) {
    for (const [status, response] of Object.entries(Object(operation.responses) as SpecObject)) {
      if (status !== "default" && !(Number(status) >= 400)) continue;
      const entry = byStatus.get(status) ?? { operations: [], response: resolvedObject(spec, response) };
      entry.operations.push({ operationId, method });
      byStatus.set(status, entry);
    }
  }
  const declared = [...byStatus.keys()].filter((status) => status !== "default").map(Number);
  const order = (status: string) => (status === "default" ? Number.POSITIVE_INFINITY : Number(status));
  return [...byStatus.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, { operations, response }]) => {
      const status = key === "default" ? "default" : Number(key);
      const others = [...RETRYABLE_STATUSES].filter((code) => !declared.includes(code)).sort((a, b) => a - b);
      const examples = examplesOf(spec, response);
      return {
        status,
        reason: status === "default" ? "Any other status" : (STATUS_CODES[status] ?? "Error"),
        meaning: oneLine(String(response.description ?? "")),
        operations,
        codes: unique(examples.flatMap(({ code }) => (typeof code === "string" ? [code] : []))),
        hasFields: examples.some(({ fields }) => Array.isArray(fields) && fields.length > 0),
        errorClass: "IssuesApiError",
        retried: status === "default" ? others.length > 0 : RETRYABLE_STATUSES.has(status),
        retryAfter: (status === "default" ? others : [status]).some(asksForRetryAfter),
        repeatableMethods: unique(operations.map(({ method }) => method)).filter(mayRepeat),
        otherRetriedStatuses: status === "default" ? others : [],
      };
    });
}

/** Whether the client reads `Retry-After` on a response of this status. */
export const asksForRetryAfter = (status: number) =>
  retryAfterMs(new Response(null, { status, headers: { "retry-after": "1" } })) !== undefined;

/** The values of a response's examples, in each of its media types. */
function examplesOf(spec: BundledSpec, response: SpecObject): SpecObject[] {
  const values: SpecObject[] = [];
  for (const media of Object.values(Object(response.content) as SpecObject)) {
    const { example, examples } = Object(media) as SpecObject;
    if (example !== undefined) values.push(Object(example));
    for (const named of Object.values(Object(examples) as SpecObject)) {
      values.push(Object(resolvedObject(spec, named).value));
    }
  }
  return values;
}

const oneLine = (text: string) => text.trim().split(/\s+/).join(" ");
const unique = <T>(values: T[]) => [...new Set(values)];
