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
  /**
   * The base URL the client under test calls, an http or https URL (a TypeError otherwise).
   * Requests match it as the URL parser writes it: `HTTP://LOCALHOST:80/api/` is
   * `http://localhost/api`. Default: the fake's own `url`.
   */
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
  const base = parseBase(options.baseUrl ?? fake.url);
  const prefix = base.pathname.replace(/\/+$/, "");
  // The request's URL and the base, both as the WHATWG parser writes them (the client sends the
  // parsed form): `http://LOCALHOST:80/api/` and `http://localhost/api` are one base. A matcher
  // on the string as given would miss the request and let MSW pass it, token and all, to the
  // real host.
  const below = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return url.origin === base.origin && (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
  };
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

/** The base URL, parsed; anything but an http(s) URL could never match the client's requests. */
function parseBase(baseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not a URL at all: refused below with the rest.
  }
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new TypeError(`versori-issues-api/msw: baseUrl must be an http or https URL, not ${baseUrl}`);
  }
  return url;
}
