/**
 * Loopback HTTP servers that misbehave on purpose: each answers every request with the handler
 * it was started with, and records what it received, so that a test can tell what reached it.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";

export interface ReceivedRequest {
  method: string;
  /** The request target: path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** Answers one request; `index` counts this server's requests from 1. */
export type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

export interface HostileServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** Every request received so far, oldest first. */
  readonly requests: ReceivedRequest[];
  /** Stops listening and destroys every open connection, stalled responses included. */
  close(): Promise<void>;
}

export async function startHostileServer(handler: Handler): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      at: performance.now(),
    });
    handler(request, response, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Sends `body` as JSON, with a Content-Length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** The value of one query parameter of the request, or null. */
export function queryParam(request: IncomingMessage, name: string): string | null {
  return new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get(name);
}

/**
 * Sends a 200 with the start of a body, then destroys the connection. With `contentLength`, the
 * headers announce that many bytes; without, the body is chunked.
 */
export function cutOff(response: ServerResponse, start: string, contentLength?: number): void {
  response.writeHead(200, {
    "content-type": "application/json",
    ...(contentLength === undefined ? {} : { "content-length": contentLength }),
  });
  response.write(start);
  setTimeout(() => response.socket?.destroy(), 20);
}

/** Sends a 200 with the start of a body, then nothing more until the connection closes. */
export function stall(response: ServerResponse, start: string): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.write(start);
}
