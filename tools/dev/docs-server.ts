/**
 * The docs server of `npm run dev`: a page that renders the live bundled spec itself, with
 * Redoc's library, and tells its open pages (Server-Sent Events on /events) each time the spec
 * changes, and why the last save failed, if it did. Everything it serves is in memory: no path
 * reaches the disk.
 *
 * The page renders page.json: `spec`, the page's copy of the spec (tools/docs/page-spec.ts), and
 * `options`, Redoc's options for it (tools/docs/redoc-options.ts), as `npm run docs` renders
 * with them. Its download links get openapi.json and openapi.yaml, the bundled spec itself.
 *
 * The events: `spec` (a plain message), the spec changed and page.json has the new one; and
 * `problems`, whose data is the last failed save's report as JSON (`reason` and the `problems`
 * lines that the terminal printed), or null once a save builds again. A page that connects is
 * told both at once.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import type { RedocLibrary } from "../docs/redoc-library.ts";
import { redocOptions } from "../docs/redoc-options.ts";
import { serveFiles } from "../docs/serve.ts";
import { messageOf } from "../lib/command.ts";
import { livePage } from "./live-page.ts";

/** The page's scripts, by the names the page imports them as. */
const SCRIPTS: Record<string, string> = {
  "live-docs.js": fileURLToPath(new URL("./live-docs.client.js", import.meta.url)),
  "problems-panel.js": fileURLToPath(new URL("./problems-panel.client.js", import.meta.url)),
};

/** Why a save gave no spec: what changed, and the lines the terminal printed under its ✘ line. */
export interface FailedBuild {
  reason: string;
  problems: string[];
}

/**
 * What one run gave the docs: the bundled spec's JSON text and the page's copy of it
 * (tools/docs/page-spec.ts), or why there is none.
 */
export type BuildOutcome = { spec: string; page: string } | FailedBuild;

export interface DocsServer {
  server: Server;
  /**
   * Takes a run's outcome. A spec is served from now on, and the open pages are told when it
   * differs from the last one; a failure is shown on them over the spec they have, until the
   * next spec. Returns what became of it, for the status line.
   */
  publish(outcome: BuildOutcome): string;
}

const SPEC_EVENT = "data: spec\n\n";
/** JSON.stringify escapes every line break, so the report is one `data:` line. */
const problemsEvent = (failed: FailedBuild | undefined) =>
  `event: problems\ndata: ${JSON.stringify(failed ?? null)}\n\n`;

/** The docs server, with Redoc's library once `library` resolves (the page waits for it). */
export function createDocsServer(library: Promise<RedocLibrary>): DocsServer {
  const clients = new Set<ServerResponse>();
  /** What is served, and `copy`, the page's copy of the spec (outcome.page) that page.json holds. */
  let spec: { json: string; yaml: string; page: string; copy: string } | undefined;
  let failed: FailedBuild | undefined;
  const page = library.then((found) => livePage(found.name));
  const scripts = new Map(Object.entries(SCRIPTS).map(([name, path]) => [name, readFile(path, "utf8")]));
  // Not awaited by anyone until a page asks: a failure is reported then, and by dev.ts.
  for (const promise of [page, ...scripts.values()]) promise.catch(() => {});

  const serve = serveFiles(async (name) => {
    if (name === "index.html") return page;
    if (scripts.has(name)) return scripts.get(name);
    if (name === "page.json") return spec?.page;
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
      if (spec) response.write(SPEC_EVENT);
      // Null too: a page that reconnects may still show the problems of a save since fixed.
      response.write(problemsEvent(failed));
      return;
    }
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`the docs page cannot be served: ${messageOf(error)}\n`);
    });
  });

  const tell = (event: string) => {
    for (const open of clients) open.write(event);
  };
  const pages = () => `${clients.size} open page${clients.size === 1 ? "" : "s"}`;

  const publish = (outcome: BuildOutcome) => {
    if (!("spec" in outcome)) {
      failed = { reason: outcome.reason, problems: outcome.problems };
      tell(problemsEvent(failed));
      return `problems sent to ${pages()}`;
    }
    const fixed = failed !== undefined;
    failed = undefined;
    // The copy holds the spec: it changes whenever the spec does.
    const changed = spec?.copy !== outcome.page;
    if (changed) {
      const copy = JSON.parse(outcome.page);
      spec = {
        json: outcome.spec,
        yaml: stringify(JSON.parse(outcome.spec), { lineWidth: 0 }),
        page: JSON.stringify({ spec: copy, options: redocOptions(copy) }),
        copy: outcome.page,
      };
      tell(SPEC_EVENT);
    }
    // After the spec: a page takes the problems away once it shows the spec that fixed them.
    if (fixed) tell(problemsEvent(undefined));
    if (!changed) return "docs unchanged";
    if (clients.size === 0) return "docs ready";
    return `docs sent to ${pages()}`;
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
