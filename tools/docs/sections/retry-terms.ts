/**
 * How the error tables word the client's retries, from the client's own settings and policy: the
 * options' names (checked against RetryOptions by the compiler), their defaults (what the
 * client's settings make of no options), and whether a `Retry-After` longer than the longest
 * wait is refused (retryDelayMs).
 */
import { retryDelayMs } from "../../../src/http/retry-policy.ts";
import type { RetryOptions } from "../../../src/options.ts";
import { callSettings } from "../../../src/settings.ts";

const option = (name: keyof RetryOptions) => `\`retry.${name}\``;

/** The client's retry settings when it is given none: a call's `retry: {}` takes every default. */
const DEFAULTS = callSettings(
  { timeoutMs: 1, retry: { retries: 0, minDelayMs: 0, maxDelayMs: 0 } },
  { retry: {} },
).retry;

/** `up to `retry.retries` times (default 2)`. */
export const HOW_MANY = `up to ${option("retries")} times (default ${DEFAULTS.retries})`;

/** Whether the client gives up at once on a `Retry-After` longer than `retry.maxDelayMs`. */
const refusesLongWaits = retryDelayMs(1, DEFAULTS.maxDelayMs + 1, DEFAULTS) === undefined;

/**
 * When a `Retry-After` is not waited for, for the end of a retried row that reads it: `it` names
 * the header where the text before has named it.
 */
export function longWaitClause(it: string): string {
  if (!refusesLongWaits) return "";
  return `; not when ${it} asks for more than ${option("maxDelayMs")} (default ${DEFAULTS.maxDelayMs} ms): the error comes at once, with \`retryAfterMs\``;
}
