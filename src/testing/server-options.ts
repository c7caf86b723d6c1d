/**
 * The HTTP fake's own options, checked before it listens: where it listens, and how long it keeps
 * a connection that sends nothing, so that idle or half-sent connections cannot pile up.
 */
import type { FakeIssuesOptions } from "./options.js";
import { checkInteger, checkRecord, MAX_DELAY_MS, misuse, shown } from "./misuse.js";

export interface FakeIssuesServerOptions extends FakeIssuesOptions {
  /** The port to listen on. Default: 0, a free port chosen by the system. */
  port?: number;
  /**
   * The host to listen on. Default: `127.0.0.1`, this machine only. `0.0.0.0` or `::` listens on
   * every interface, as a container needs; an empty string is refused rather than meaning that.
   */
  host?: string;
  /**
   * How long a connection may take to send a request's headers, from when it opens or its last
   * request ended, in milliseconds; then it gets a 408 and is closed. Default 10,000.
   */
  headersTimeoutMs?: number;
  /**
   * How long a connection may take to send a whole request, body included, in milliseconds: at
   * least `headersTimeoutMs`. A response held back with `delayNext` is not cut short by it.
   * Default 30,000.
   */
  requestTimeoutMs?: number;
  /** How long an idle connection is kept open after a response, in milliseconds. Default 5,000. */
  keepAliveTimeoutMs?: number;
}

export interface ServerSettings {
  host: string;
  port: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export function checkServerOptions(settings: FakeIssuesServerOptions | undefined): ServerSettings {
  const options = checkRecord(settings, "startFakeIssuesServer's options");
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") {
    misuse(
      `host must name an interface, such as 127.0.0.1 (or 0.0.0.0 for every interface), not ${shown(host)}`,
    );
  }
  const timeout = (name: keyof FakeIssuesServerOptions, fallback: number) =>
    checkInteger(name, options[name] ?? fallback, 1, MAX_DELAY_MS);
  const headersTimeoutMs = timeout("headersTimeoutMs", 10_000);
  const requestTimeoutMs = timeout("requestTimeoutMs", Math.max(30_000, headersTimeoutMs));
  if (headersTimeoutMs > requestTimeoutMs) {
    misuse(
      `headersTimeoutMs (${headersTimeoutMs}) cannot exceed requestTimeoutMs (${requestTimeoutMs}): the headers are part of the request`,
    );
  }
  return {
    host,
    port: checkInteger("port", options.port ?? 0, 0, 65_535),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: timeout("keepAliveTimeoutMs", 5_000),
  };
}
