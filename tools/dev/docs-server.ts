/**
 * The docs server of `npm run dev`: a page that renders the live bundled spec itself, with
 * Redoc's library, and tells its open pages (Server-Sent Events on /events) each time the spec
 * changes. Everything it serves is in memory: no path reaches the disk.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import type { RedocLibrary } from "../docs/redoc-library.ts";
import { serveFiles } from "../docs/serve.ts";
import { messageOf } from "../lib/command.ts";
import { livePage } from "./live-page.ts";

const CLIENT = fileURLToPath(new URL("./live-docs.client.js", import.meta.url));

export interface DocsServer {
  server: Server;
  /**
   * Serves `spec` (the bundled spec's JSON text) from now on, and tells the open pages when it
   * differs from the last one. Resolves with what became of it, for the status line.
   */
  publish(spec: string): string;
}

/** The docs server, with Redoc's library once `library` resolves (the page waits for it). */
export function createDocsServer(library: Promise<RedocLibrary>): DocsServer {
  const clients = new Set<ServerResponse>();
  let spec: { json: string; yaml: string } | undefined;
  const page = library.then((found) => livePage(found.name));
  const client = readFile(CLIENT, "utf8");
  // Not awaited by anyone until a page asks: a failure is reported then, and by dev.ts.
  for (const promise of [page, client]) promise.catch(() => {});

  const serve = serveFiles(async (name) => {
    if (name === "index.html") return page;
    if (name === "live-docs.js") return client;
    if (name === "openapi.json") return spec?.json;
    if (name === "openapi.yaml") return spec?.yaml;
    const found = await library;
    return name === found.name ? found.body : undefined;
  });
  const server = createServer((request, response) => {
    if (request.url === "/events") {
      response
        .writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
        .flushHeaders();
      clients.add(response);
      request.on("close", () => clients.delete(response));
      // A page renders the spec once it is told there is one, so that no change can come
      // between its fetch and its listening.
      if (spec) response.write("data: spec\n\n");
      return;
    }
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`the docs page cannot be served: ${messageOf(error)}\n`);
    });
  });

  const publish = (json: string) => {
    if (spec?.json === json) return "docs unchanged";
    spec = { json, yaml: stringify(JSON.parse(json), { lineWidth: 0 }) };
    for (const open of clients) open.write("data: spec\n\n");
    if (clients.size === 0) return "docs ready";
    return `docs sent to ${clients.size} open page${clients.size === 1 ? "" : "s"}`;
  };
  return { server, publish };
}

/** Why the docs server could not listen, in words for the person who chose the port. */
export class ListenError extends Error {}

/** Listens on 127.0.0.1 and resolves with the port, or fails with a ListenError. */
export async function listen(server: Server, port: number): Promise<number> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new ListenError(`port ${port} is in use (is npm run dev running already?)`);
    throw new ListenError(`cannot listen on 127.0.0.1:${port}: ${messageOf(error)}`);
  }
  return (server.address() as { port: number }).port;
}
