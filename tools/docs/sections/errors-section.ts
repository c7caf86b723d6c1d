/**
 * The tables that follow the introduction's own "Errors" text: one row for each status the spec
 * declares (status-rows.ts), then the failures that come with no error status
 * (client-failures.ts), each saying whether the client retries it and what a client user catches.
 */
import type { BundledSpec } from "../bundled-spec.ts";
import { CLIENT_FAILURES, type ClientFailure } from "./client-failures.ts";
import { HOW_MANY, longWaitClause } from "./retry-terms.ts";
import { operationsOf } from "../spec-reading.ts";
import { asksForRetryAfter, repeatableMethods, type StatusRow, statusRows } from "./status-rows.ts";

/** The Markdown of the tables. */
export function errorTables(spec: BundledSpec): string {
  const operationCount = operationsOf(spec).length;
  const methods = unique(operationsOf(spec).map(({ method }) => method));
  const rows = statusRows(spec).map((row) => [
    row.status === "default" ? `${row.reason} (\`default\`)` : `${row.status} ${row.reason}`,
    row.meaning,
    row.operations.length === operationCount
      ? "every operation"
      : row.operations.map(({ operationId }) => operationId).join(", "),
    statusRetry(row),
    caught(row),
  ]);
  const failures = CLIENT_FAILURES.map((failure) => [
    failure.what,
    failure.retried ? retriedOn(methods, repeatableMethods(spec), `${HOW_MANY}, after backoff`) : "no",
    failureCaught(failure),
  ]);
  return [
    "Status by status, as this API declares them and as this package's client handles them:",
    table(["Status", "What it means", "Returned by", "Retried by the client", "A client user catches"], rows),
    "With no error status, the client's own failures:",
    table(["What happened", "Retried by the client", "A client user catches"], failures),
  ].join("\n\n");
}

function statusRetry(row: StatusRow): string {
  if (!row.retried) return "no";
  const methods = unique(row.operations.map(({ method }) => method));
  if (row.status !== "default") {
    const wait = row.retryAfter
      ? `the wait \`Retry-After\` asks for, or backoff without it${longWaitClause("`Retry-After`")}`
      : "backoff";
    return retriedOn(methods, row.repeatableMethods, `${HOW_MANY}, after ${wait}`);
  }
  const statuses = listed(row.otherRetriedStatuses.map(String));
  const withRetryAfter = row.otherRetriedStatuses.filter(asksForRetryAfter);
  const wait =
    withRetryAfter.length > 0
      ? `backoff, or on ${listed(withRetryAfter.map(String))} the wait \`Retry-After\` asks for${longWaitClause("it")}`
      : "backoff";
  return retriedOn(methods, row.repeatableMethods, `${statuses} only, ${HOW_MANY}, after ${wait}`);
}

/**
 * `GET, PATCH: <how>. POST: never`, for the methods that may be repeated and the others; a
 * full stop between them, since `how` may hold a `;`.
 */
function retriedOn(methods: string[], repeatable: string[], how: string): string {
  const again = methods.filter((method) => repeatable.includes(method));
  const never = methods.filter((method) => !repeatable.includes(method));
  return [
    ...(again.length > 0 ? [`${again.join(", ")}: ${how}`] : []),
    ...(never.length > 0 ? [`${never.join(", ")}: never`] : []),
  ].join(". ");
}

function caught(row: StatusRow): string {
  const status = row.status === "default" ? "its `status`" : `\`status\` ${row.status}`;
  const codes = row.codes.map((code) => `\`${code}\``).join(" or ");
  const code =
    codes === "" ? "" : row.status === "default" ? `, \`code\` such as ${codes}` : `, \`code\` ${codes}`;
  return `\`${row.errorClass}\`: ${status}${code}${row.hasFields ? ", `fields`" : ""}`;
}

const failureCaught = ({ errorClass, code }: ClientFailure) =>
  code ? `\`${errorClass}\`: \`code\` \`${code}\`` : `\`${errorClass}\``;

/** A Markdown table; a `|` in a cell is escaped so that it stays in its cell. */
function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** `408, 502, 503 and 504`. */
const listed = (items: string[]) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
const unique = <T>(values: T[]) => [...new Set(values)];
