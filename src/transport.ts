import type { IssuesClientOptions } from "./client.js";
import type { CallInfo } from "./errors/issues-error.js";
import { IssuesNetworkError } from "./errors/issues-network-error.js";
import { IssuesTimeoutError } from "./errors/issues-timeout-error.js";
import { retryAfter, TRANSIENT } from "./retry.js";

/**
 * Turns what a failed `fetch` or body read threw into the client's error for it: a
 * `TimeoutError` is the attempt's timeout; anything else is the network's.
 */
export const failure = (call: CallInfo, error: unknown) =>
  (error as Error).name === "TimeoutError"
    ? new IssuesTimeoutError(call, "timed out", { cause: error })
    : new IssuesNetworkError(
        call,
        (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message,
        { cause: error },
      );

/**
 * A `fetch` for openapi-fetch that adds a timeout per attempt and retries, and fills in `call`
 * (method, path, attempts) for the errors the client builds. It fails as `fetch` does: with the
 * caller's abort reason, a `TimeoutError`, or the network's `TypeError`; `failure` turns the
 * last two into the client's errors. The caller's signal stops everything at once, a backoff
 * wait included. Each attempt's signal also governs reading the body, so a body that stalls
 * times out too.
 */
export function createTransport(
  baseUrl: string,
  { fetch = globalThis.fetch, timeoutMs = 30_000, retry = {} }: IssuesClientOptions,
) {
  const { retries = 2, minDelayMs = 250, maxDelayMs = 20_000 } = retry || { retries: 0 };

  return async (request: Request, call = {} as CallInfo): Promise<Response> => {
    Object.assign(call, { method: request.method, path: request.url.slice(baseUrl.length), attempts: 0 });
    for (;;) {
      request.signal.throwIfAborted();
      // The attempt's timeout combined with the caller's signal. It also guards the body read.
      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response | undefined;
      let error: unknown;
      call.attempts++;
      try {
        // A request without a body can be sent again as it is; one with a body goes as a copy.
        response = await fetch(request.body ? request.clone() : request, { signal });
      } catch (thrown) {
        // The abort's own reason: a fetch may report an abort in a way of its own.
        error = signal.reason ?? thrown;
      }
      // RFC 9110 §9.2.2: idempotent requests may be repeated. Of this API's GET, POST and PATCH,
      // only POST is not: there is no idempotency key, so a retried create could record the
      // issue twice. (PATCH is not idempotent in general, but this API's PATCH sets fields to
      // given values, so repeating it changes nothing.)
      const wait =
        call.method !== "POST" &&
        call.attempts <= retries &&
        !request.signal.aborted &&
        (!response || TRANSIENT.test(response.status as never))
          ? // Full jitter: a random wait below min·2^retry (capped), unless the server said when.
            retryAfter(response?.headers.get("retry-after")) ||
            Math.random() * Math.min(maxDelayMs, minDelayMs * 2 ** (call.attempts - 1))
          : Infinity;
      if (wait <= maxDelayMs || !response) {
        void response?.body?.cancel(); // frees the connection of a response that is not used
        if (wait > maxDelayMs) throw error; // the caller's reason when the caller aborted
        // Wait, or stop waiting as soon as the caller aborts: the next attempt then throws.
        await new Promise((resolve) => {
          const waiting = setTimeout(resolve, wait);
          request.signal.onabort = () => resolve(clearTimeout(waiting));
        });
      } else {
        return response;
      }
    }
  };
}
