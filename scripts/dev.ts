/**
 * `npm run dev`: regenerate on every save. Watches openapi/ and redocly.yaml; on each change it
 * re-lints, regenerates generated/ (types and bundle) and then the docs, and prints one status
 * line with the time taken. A lint error is printed and the last good output stays. The docs
 * are served on 127.0.0.1, and an open page reloads itself after each regeneration.
 *
 * Options: --port N (default 0, a free port), --no-docs (types and bundle only).
 */
import { watch } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildDocs, DOCS_DIR, serveDocs } from "./docs.ts";
import { writeOutputs } from "./outputs.ts";
import { buildOutputs, CONFIG_FILE, messageOf, PipelineError, ROOT } from "./pipeline.ts";

const { values: flags } = parseArgs({
  options: { port: { type: "string", default: "0" }, "no-docs": { type: "boolean" } },
});
const withDocs = !flags["no-docs"];
const clients = new Set<ServerResponse>();
const time = () => new Date().toTimeString().slice(0, 8);

/** One regeneration: lint, types and bundle, then docs. Never throws: it reports. */
async function regenerate(reason: string): Promise<void> {
  const start = performance.now();
  try {
    const outputs = await buildOutputs({ root: ROOT });
    const { changed, missing } = await writeOutputs(ROOT, outputs);
    const generated = Math.round(performance.now() - start);
    let docs = "";
    if (withDocs) {
      const docsStart = performance.now();
      await buildDocs(DOCS_DIR, outputs.get("openapi.json")!);
      docs = `, docs in ${Math.round(performance.now() - docsStart)} ms`;
      for (const client of clients) client.write("data: reload\n\n");
    }
    const files = changed.length + missing.length;
    console.log(`✔ ${time()} ${reason}: generated/ in ${generated} ms (${files} written)${docs}`);
  } catch (error) {
    const lines = error instanceof PipelineError ? error.lines : [`error: ${messageOf(error)}`];
    console.log(`✘ ${time()} ${reason}: failed; generated/ keeps its last good output`);
    for (const line of lines) console.log(`  ${line}`);
  }
}

/** Runs regenerations one at a time; changes that arrive meanwhile make one more run. */
let running: Promise<void> | undefined;
let pending: string | undefined;
function schedule(reason: string): void {
  pending = reason;
  if (running) return;
  running = (async () => {
    while (pending) {
      const next = pending;
      pending = undefined;
      await regenerate(next);
    }
    running = undefined;
  })();
}

// Editors save in bursts (write, rename, chmod); a short pause makes one run of them.
let timer: NodeJS.Timeout | undefined;
const changed = (path: string) => {
  clearTimeout(timer);
  timer = setTimeout(() => schedule(`${path} changed`), 15);
};
watch(join(ROOT, "openapi"), { recursive: true }, (_, file) => changed(`openapi/${file ?? ""}`));
watch(ROOT, (_, file) => file === CONFIG_FILE && changed(CONFIG_FILE));

await regenerate("start");

if (withDocs) {
  // Each page asks /events to tell it when to reload.
  const reloader = `<script>new EventSource("/events").onmessage = () => location.reload();</script>`;
  const serve = serveDocs(DOCS_DIR, (html) => html.replace("</body>", `${reloader}</body>`));
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
  server.listen(Number(flags.port), "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    console.log(`docs on http://127.0.0.1:${port}/ — watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`);
  });
} else {
  console.log(`watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`);
}
