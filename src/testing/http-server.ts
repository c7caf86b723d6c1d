/**
 * The fake Issues API as a real HTTP server on 127.0.0.1 (or another host), for clients in other
 * processes and for web apps under test in a browser: it answers CORS preflights and exposes the
 * headers the client reads.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { createFakeIssues, type FakeIssues } from "./fake.js";
import { checkServerOptions, type FakeIssuesServerOptions } from "./server-options.js";

export type { FakeIssuesServerOptions } from "./server-options.js";

export interface FakeIssuesServer extends FakeIssues {
  /** `http://<host>:<port>`, without a trailing slash: the client's `baseUrl`. */
  readonly url: string;
  /** Stops listening and destroys open connections, including held-back responses. */
  close(): Promise<void>;
}

/** What a page of any origin may do with the fake's answers: read them, and the headers the client reads. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after, allow, www-authenticate, location, content-length",
};

/** The answer to a CORS preflight: any method the API has, and whatever headers the page asks to send. */
const preflightHeaders = (requested: string | undefined) => ({
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
  "access-control-allow-headers": requested ?? "authorization, content-type",
  "access-control-max-age": "600",
});

/** An answer the server gives itself, before the core sees the request. */
function refuse(outgoing: ServerResponse, status: number, code: string, message: string): void {
  const body = Buffer.from(JSON.stringify({ code, message }));
  const headers = { ...CORS_HEADERS, "content-type": "application/json", "content-length": body.byteLength };
  outgoing.writeHead(status, headers).end(body);
}

/**
 * The request body as a web stream. When the core cancels it (at a body over its limit), only the
 * reading stops: Readable.toWeb's cancel would destroy the request, and with it the socket that
 * the 413 must still go out on.
 */
const bodyOf = (incoming: IncomingMessage) =>
  Readable.toWeb(incoming.pipe(new PassThrough())) as ReadableStream<Uint8Array>;

/**
 * The Node request as a web `Request`, so that the fake's core can answer it. The body stays a
 * stream: the core takes the request's fault before it reads the body, in arrival order.
 */
function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
  }
  const method = incoming.method ?? "GET";
  // The target as sent, below the origin: `//evil/o/…` stays a path, not another host.
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal };
  if (method !== "GET" && method !== "HEAD") {
    init.body = bodyOf(incoming);
    init.duplex = "half";
  }
  return new Request(`${origin}${incoming.url ?? "/"}`, init);
}

/**
 * Starts a fake Issues API server. Point the client at `url` with `token`.
 *
 * @example
 * const server = await startFakeIssuesServer();
 * const client = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });
 * server.failNext(1, { status: 429, retryAfter: 1 });
 * // … exercise the client …
 * await server.close();
 */
export async function startFakeIssuesServer(
  options: FakeIssuesServerOptions = {},
): Promise<FakeIssuesServer> {
  const settings = checkServerOptions(options);
  const fake = createFakeIssues(options);
  const { host } = settings;
  let origin = "";

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    if (incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"]) {
      // A CORS preflight: answered here, and nothing is processed or logged.
      outgoing.writeHead(204, preflightHeaders(incoming.headers["access-control-request-headers"])).end();
      return;
    }
    if (!incoming.url?.startsWith("/")) {
      // An absolute URL (RFC 9112 §3.2.2) names a host, which the fake is not a proxy for; `*` no resource.
      const message = "the request target must be a path, such as /o/{organisation_id}/issues";
      return refuse(outgoing, 400, "bad_request", message);
    }
    const aborted = new AbortController();
    outgoing.once("close", () => aborted.abort(new Error("the client went away")));
    let request: Request;
    try {
      request = toRequest(incoming, origin, aborted.signal);
    } catch {
      // A method a web Request cannot carry (TRACE, CONNECT): no operation of the API has it.
      return refuse(outgoing, 405, "method_not_allowed", `${incoming.method} is not allowed`);
    }
    const response = await fake.handle(request);
    if (!response) return void outgoing.destroy(); // a dropped response, as a reset connection
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, {
      ...Object.fromEntries(response.headers),
      ...CORS_HEADERS,
      "content-length": body.byteLength,
      // The rest of a body the core did not read (one over the limit) would be read as the next
      // request, or drained at length: the connection closes instead.
      ...(incoming.complete ? {} : { connection: "close" }),
    });
    outgoing.end(body);
  }

  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // The two timeouts above are enforced on this interval (Node's default, 30 s, would let a
      // silent connection stay for up to the timeout and 30 s more).
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(settings.headersTimeoutMs / 2)),
    },
    (incoming, outgoing) => {
      answer(incoming, outgoing).catch(() => outgoing.destroy()); // the client went away meanwhile
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port: settings.port, backlog: 2048 }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  // The core's own properties, with the server's URL and close().
  return Object.assign(Object.create(fake) as FakeIssues, {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  }) as FakeIssuesServer;
}
