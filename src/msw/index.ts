/**
 * `versori-issues-api/msw`: request handlers for Mock Service Worker 2, backed by the fake Issues
 * API's core, so that tests which already intercept with MSW get the same spec-checked
 * behaviour as the other adapters.
 *
 * @example
 * const fake = createFakeIssues();
 * const server = setupServer(...createIssuesHandlers(fake, { baseUrl: "https://platform.versori.com/api/v2" }));
 * server.listen();
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import type { FakeIssues } from "../testing/fake.js";

export interface IssuesHandlersOptions {
  /** The base URL the client under test calls. Default: the fake's own `url`. */
  baseUrl?: string;
}

/**
 * Handlers for every request below `baseUrl`, answered by `fake` (from `createFakeIssues()`).
 * A response the fake drops becomes a network error.
 */
export function createIssuesHandlers(
  fake: FakeIssues,
  options: IssuesHandlersOptions = {},
): RequestHandler[] {
  const base = (options.baseUrl ?? fake.url).replace(/\/+$/, "");
  const prefix = new URL(base).pathname.replace(/\/$/, "");
  // A regular expression rather than MSW's path pattern, in which `[::1]` or a `+` would mean
  // something else: every URL below the base.
  const below = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(/|\\?|$)`);
  return [
    http.all(below, async ({ request }) => {
      // The fake routes by path below its own root: the base URL's path is taken off.
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(prefix.length);
      // The body stays a stream, so that the core takes the request's fault in arrival order.
      const init: RequestInit & { duplex?: "half" } = {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
      };
      if (request.body) {
        init.body = request.body;
        init.duplex = "half";
      }
      const response = await fake.handle(new Request(url, init));
      return response ?? HttpResponse.error();
    }),
  ];
}
