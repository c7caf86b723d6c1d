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
  return [
    http.all(`${base}/*`, async ({ request }) => {
      // The fake routes by path below its own root: the base URL's path is taken off.
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(prefix.length);
      const init: RequestInit = { method: request.method, headers: request.headers, signal: request.signal };
      if (request.method !== "GET" && request.method !== "HEAD") init.body = await request.text();
      const response = await fake.handle(new Request(url, init));
      return response ?? HttpResponse.error();
    }),
  ];
}
