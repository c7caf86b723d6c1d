/** The fake core's options, checked when it is made: a mistake fails at once, naming the option. */
import { checkToken, randomToken } from "./auth.js";
import { checkInteger, checkPageSize, checkRecord, misuse, shown } from "./misuse.js";
import { DEFAULT_MAX_BODY_BYTES } from "./request-body.js";

export interface FakeIssuesOptions {
  /**
   * The bearer token (or `cookie` cookie) the fake accepts: a non-empty string of visible ASCII,
   * which a header and a cookie can carry. Default: a random one.
   */
  token?: string;
  /** The most issues one list response holds, whatever `first` asks for: an integer ≥ 1. Default 100. */
  maxPageSize?: number;
  /**
   * The largest request body the fake reads, in bytes: an integer ≥ 1. A larger one is answered
   * 413 `content_too_large` without being buffered (by its Content-Length when it has one), even
   * when a fault is pending; the fault counts it all the same. Default 1 MiB.
   */
  maxBodyBytes?: number;
  /** The clock for `createdAt`, `lastSeenAt` and `resolvedAt`. Default: `() => new Date()`. */
  now?: () => Date;
}

export interface FakeSettings {
  token: string;
  maxPageSize: number;
  maxBodyBytes: number;
  now: () => Date;
}

export function checkFakeOptions(settings: FakeIssuesOptions | undefined): FakeSettings {
  const options = checkRecord(settings, "createFakeIssues's options");
  const token = options.token === undefined ? randomToken() : checkToken(options.token);
  const now = options.now ?? (() => new Date());
  if (typeof now !== "function") misuse(`now must be a function that returns a Date, not ${shown(now)}`);
  return {
    token,
    maxPageSize: checkPageSize(options.maxPageSize ?? 100),
    maxBodyBytes: checkInteger("maxBodyBytes", options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 1),
    now,
  };
}
