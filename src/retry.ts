/** When and how long to wait before trying a request again. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** The first backoff's ceiling; it doubles on each retry. Default 250 ms. */
  minDelayMs?: number;
  /**
   * The longest wait before a retry. Backoff is capped at it, and a `Retry-After` that asks for
   * longer is not waited for: the error is returned at once. Default 20000 ms.
   */
  maxDelayMs?: number;
}

/** Statuses that say "try again later" rather than "this request is wrong" (all three digits). */
export const TRANSIENT = /408|429|50[0234]/;

/**
 * `Retry-After` in milliseconds (RFC 9110 §10.2.3): delay-seconds, or an HTTP date (below 0
 * when it has passed). Anything else, or none, is 0 or false, so that `||` falls back to backoff.
 */
export const retryAfter = (value: string | null | undefined) =>
  /^\d+$/.test(value!) ? +value! * 1000 : /GMT$/.test(value!) && Date.parse(value!) - Date.now();
