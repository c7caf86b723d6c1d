/**
 * One call on the wire: its attempts, each with its own timeout that covers the response body
 * too, and the waits between them. The token is added here, to each attempt, and only for a URL
 * below the client's baseUrl; redirects are never followed.
 */
import type { CallInfo } from "../errors/issues-error.js";
import { IssuesNetworkError } from "../errors/issues-network-error.js";
import { IssuesTimeoutError } from "../errors/issues-timeout-error.js";
import { bodyError } from "../errors/response-error.js";
import type { CallSettings, Settings } from "../settings.js";
import { delay } from "./delay.js";
import { readBody } from "./read-body.js";
import { retryAfterMs, mayRepeat, RETRYABLE_STATUSES, retryDelayMs } from "./retry-policy.js";

/** A response with its body read: the last attempt's, once no retry is left or needed. */
export interface Exchange {
  response: Response;
  text: string;
  call: CallInfo;
}

/** The outcome of one attempt: a response with its body, or why there is none. */
type Attempt =
  | { response: Response; text: string | undefined; failure?: never; timedOut?: never }
  | { response?: never; text?: never; failure: unknown; timedOut: boolean };

export function createTransport(settings: Settings) {
  const { baseUrl, fetch, maxResponseBytes, onAttempt, token } = settings;
  const authorization = `Bearer ${token}`;

  /** The request's path below baseUrl; any other URL is refused before anything is sent. */
  function pathBelowBase(url: string): string {
    const rest = url.slice(baseUrl.length);
    const below = url.startsWith(baseUrl) && (rest === "" || rest[0] === "/" || rest[0] === "?");
    if (!below) {
      throw new TypeError(`versori-issues-api: refused to send the token to ${url}, not below baseUrl`);
    }
    return rest;
  }

  /**
   * Sends the request once, with a timer that also guards reading the body. A custom `fetch`
   * must pass its second argument on (its `signal`), or a stalled response may outlive the timer
   * until its body is read.
   */
  async function attempt(request: Request, { timeoutMs, signal }: CallSettings): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")),
      timeoutMs,
    );
    const forwardAbort = () => controller.abort(signal!.reason);
    signal?.addEventListener("abort", forwardAbort);
    // A request with a body can be sent only once, so each attempt sends a copy.
    const sent = request.body ? request.clone() : request;
    sent.headers.set("authorization", authorization);
    try {
      const response = await fetch(sent, { signal: controller.signal, redirect: "manual" });
      return { response, text: await readBody(response, maxResponseBytes, controller.signal) };
    } catch (failure) {
      return { failure, timedOut: controller.signal.aborted && !signal?.aborted };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forwardAbort);
    }
  }

  /**
   * Makes the call: attempts it, and retries a GET or PATCH after a network failure, a timeout
   * or a retryable status while retries are left. Resolves with the last response, whatever its
   * status; rejects with IssuesNetworkError or IssuesTimeoutError when no response came, with
   * IssuesApiError for a body over maxResponseBytes, or with the caller's abort reason.
   */
  return async function exchange(request: Request, call: CallSettings): Promise<Exchange> {
    const { method } = request;
    const path = pathBelowBase(request.url);
    const { signal, retry } = call;
    for (let attempts = 1; ; attempts++) {
      signal?.throwIfAborted();
      const started = onAttempt && performance.now();
      const { response, text, failure, timedOut } = await attempt(request, call);
      const info: CallInfo = { method, path, attempts };
      /** Tells the hook what the attempt did. With no hook, `?.` evaluates none of it. */
      const done = (error: unknown, retryInMs?: number) => {
        try {
          onAttempt?.({
            ...info,
            attempt: attempts,
            durationMs: performance.now() - started!,
            status: response?.status,
            error,
            retryInMs,
          });
        } catch {
          // The hook is for logs: one that fails must not turn a call that succeeded into a failure.
        }
      };

      if (signal?.aborted) {
        done(signal.reason);
        throw signal.reason;
      }
      if (response && text === undefined) {
        const tooLarge = bodyError(
          response,
          info,
          token,
          "response_too_large",
          `the body exceeds ${maxResponseBytes} bytes`,
        );
        done(tooLarge);
        throw tooLarge;
      }
      let error: IssuesTimeoutError | IssuesNetworkError | undefined;
      if (!response) {
        error = timedOut
          ? new IssuesTimeoutError(info, `timed out after ${call.timeoutMs} ms`, { cause: failure })
          : new IssuesNetworkError(info, `${networkReason(failure)}, after ${attemptCount(attempts)}`, {
              cause: failure,
            });
      }

      const retryable = !response || RETRYABLE_STATUSES.has(response.status);
      const wait =
        retryable && mayRepeat(method) && attempts <= retry.retries
          ? retryDelayMs(attempts, response && retryAfterMs(response), retry)
          : undefined;
      done(error, wait);

      if (wait === undefined) {
        if (!response) throw error;
        return { response, text: text!, call: info };
      }
      await delay(wait, signal);
    }
  };
}

/**
 * What went wrong on the network. Node's fetch rejects with a bare `fetch failed`, or `terminated`
 * when a body breaks off, and puts what happened in `cause`: its message (`connect ECONNREFUSED
 * 127.0.0.1:8080`), and its code where the message lacks it (`other side closed
 * (UND_ERR_SOCKET)`). A browser gives only its own message.
 */
function networkReason(failure: unknown): string {
  const { cause } = Object(failure);
  const said = cause instanceof Error ? cause : failure;
  const message = said instanceof Error ? said.message : String(said);
  // A cause may be a bare `{ code }`, as the fake's dropped response gives.
  const { code } = Object(cause ?? failure);
  if (typeof code !== "string" || message.includes(code)) return message;
  return message ? `${message} (${code})` : code;
}

const attemptCount = (attempts: number) => (attempts === 1 ? "1 attempt" : `${attempts} attempts`);
