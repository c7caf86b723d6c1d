/** Which failed attempts are tried again, and how long the client waits before the next one. */
import type { RetrySettings } from "../settings.js";

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * RFC 9110 §9.2.2: idempotent requests may be repeated. Of this API's GET, POST and PATCH, only
 * POST is not: there is no idempotency key, so a retried create could record the issue twice.
 * (PATCH is not idempotent in general, but this API's PATCH sets fields to given values, so
 * repeating it changes nothing.)
 */
export const mayRepeat = (method: string) => method !== "POST";

// The three forms of an HTTP date (RFC 9110 §5.6.7), all in GMT.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/; // Sun, 06 Nov 1994 08:49:37 GMT
const RFC_850_DATE = /^[A-Z][a-z]+, \d\d-[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d GMT$/; // Sunday, 06-Nov-94 08:49:37 GMT
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/; // Sun Nov  6 08:49:37 1994
const DELAY_SECONDS = /^\d+$/;

/**
 * What a 429 or 503, the statuses that say when to come back, asked for with `Retry-After`
 * (RFC 9110 §10.2.3), in ms: delay-seconds or an HTTP date, 0 once the date has passed.
 * Undefined on other statuses, or when absent or not one of these: the platform's Date.parse
 * would read almost anything as some date. asctime names no zone, so " GMT" is added for it.
 */
export function retryAfterMs({ status, headers }: Response): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  const value = headers.get("retry-after")?.trim() ?? "";
  if (DELAY_SECONDS.test(value)) return Number(value) * 1000;
  const isHttpDate = IMF_FIXDATE.test(value) || RFC_850_DATE.test(value);
  if (!isHttpDate && !ASCTIME_DATE.test(value)) return undefined;
  const date = Date.parse(isHttpDate ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * How long to wait before retry number `retry` (1 for the first): what the server asked for, or
 * full-jitter exponential backoff, a random wait below minDelayMs·2^(retry-1), capped at
 * maxDelayMs. Undefined when the server asked for longer than maxDelayMs: no retry then.
 */
export function retryDelayMs(retry: number, asked: number | undefined, settings: RetrySettings) {
  if (asked !== undefined) return asked <= settings.maxDelayMs ? asked : undefined;
  return Math.random() * Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (retry - 1));
}
