/** The docs server of `npm run dev`: the docs folder, and pages that reload when told to. */
import { createServer, type Server, type ServerResponse } from "node:http";
import { DOCS_DIR, serveDocs } from "../docs/docs.ts";
import { messageOf } from "../lib/command.ts";

/** The docs server: the docs folder, with a script in the page that reloads it when told to. */
export function createDocsServer(): { server: Server; reload: () => void } {
  const clients = new Set<ServerResponse>();
  // Before the last </body>: Redoc's inlined JavaScript holds earlier ones in its strings.
  const reloader = `<script>new EventSource("/events").onmessage = () => location.reload();</script>`;
  const withReloader = (html: string) => {
    const end = html.lastIndexOf("</body>");
    return end === -1 ? html + reloader : html.slice(0, end) + reloader + html.slice(end);
  };
  const serve = serveDocs(DOCS_DIR, withReloader);
  const server = createServer((request, response) => {
    if (request.url === "/events") {
      response
        .writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
        .flushHeaders();
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    return serve(request, response);
  });
  const reload = () => {
    for (const client of clients) client.write("data: reload\n\n");
  };
  return { server, reload };
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
