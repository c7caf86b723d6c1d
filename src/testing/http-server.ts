/**
 * The fake Issues API as a real HTTP server on 127.0.0.1 (or another host), for clients in other
 * processes and for web apps under test in a browser: it answers CORS preflights and exposes the
 * headers the client reads.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeIssues, type FakeIssues, type FakeIssuesOptions } from "./fake.js";

export interface FakeIssuesServerOptions extends FakeIssuesOptions {
  /** The port to listen on. Default: 0, a free port chosen by the system. */
  port?: number;
  /** The host to listen on. Default: `127.0.0.1`, this machine only. */
  host?: string;
}

export interface FakeIssuesServer extends FakeIssues {
  /** `http://<host>:<port>`, without a trailing slash: the client's `baseUrl`. */
  readonly url: string;
  /** Stops listening and destroys open connections, including held-back responses. */
  close(): Promise<void>;
}

/** The request headers a browser may send (the client sends these) and the ones it may read. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, user-agent",
  "access-control-expose-headers": "retry-after, allow, www-authenticate, location, content-length",
  "access-control-max-age": "600",
};

/** The Node request as a web `Request`, so that the fake's core can answer it. */
async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
  }
  const method = incoming.method ?? "GET";
  const init: RequestInit = { method, headers, signal };
  if (method !== "GET" && method !== "HEAD") init.body = Buffer.concat(await incoming.toArray());
  return new Request(new URL(incoming.url ?? "/", origin), init);
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
  const fake = createFakeIssues(options);
  const host = options.host ?? "127.0.0.1";
  let origin = "";

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    if (incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"]) {
      outgoing.writeHead(204, CORS_HEADERS).end(); // a CORS preflight: nothing is processed
      return;
    }
    const aborted = new AbortController();
    outgoing.once("close", () => aborted.abort(new Error("the client went away")));
    const response = await fake.handle(await toRequest(incoming, origin, aborted.signal));
    if (!response) return void outgoing.destroy(); // a dropped response, as a reset connection
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, {
      ...Object.fromEntries(response.headers),
      ...CORS_HEADERS,
      "content-length": body.byteLength,
    });
    outgoing.end(body);
  }

  const server = createServer((incoming, outgoing) => {
    answer(incoming, outgoing).catch(() => outgoing.destroy()); // the client went away meanwhile
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port: options.port ?? 0, backlog: 2048 }, resolve);
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
