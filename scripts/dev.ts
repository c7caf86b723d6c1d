/**
 * `npm run dev`: regenerate on every save. Watches openapi/ and redocly.yaml, however an editor
 * saves them (in place, by renaming a temp file over them, or by deleting and recreating them);
 * on each change it re-lints, regenerates generated/ (types and bundle) and then the docs, and
 * prints one status line with the time taken. A lint error, or a deleted spec, is printed and
 * the last good output stays. The docs are served on 127.0.0.1, and an open page reloads itself
 * after each regeneration.
 *
 * Options: --port N (default 8902, beside the local API's 8901; 0 takes any free port),
 * --no-docs (types and bundle only). A bad option or a port in use is one line on stderr and
 * exit code 1, before anything is generated.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import { basename, extname, relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { watch } from "chokidar";
import { buildDocs, DOCS_DIR, serveDocs } from "./docs.ts";
import { writeOutputs } from "./outputs.ts";
import { buildOutputs, CONFIG_FILE, messageOf, PipelineError, ROOT } from "./pipeline.ts";

const DEFAULT_PORT = 8902;
const USAGE = "usage: npm run dev -- [--port N] [--no-docs]";

const flags = parseFlags(process.argv.slice(2));
const clients = new Set<ServerResponse>();
const time = () => new Date().toTimeString().slice(0, 8);

/** Ends the process with one line that says what is wrong and how to call the script. */
function usageError(problem: string): never {
  console.error(`npm run dev: ${problem}; ${USAGE}`);
  process.exit(1);
}

function parseFlags(args: string[]): { port: number; docs: boolean } {
  let values: { port?: string; "no-docs"?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: "string" }, "no-docs": { type: "boolean" } },
    }));
  } catch (error) {
    // Node's first sentence says what is wrong; the rest suggests `--` tricks that do not apply.
    const problem = /^[^.\n]*/.exec(messageOf(error))![0];
    usageError(problem.charAt(0).toLowerCase() + problem.slice(1));
  }
  const port = values.port ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    usageError(`--port must be a port number from 0 to 65535, not ${JSON.stringify(port)}`);
  }
  return { port: Number(port), docs: !values["no-docs"] };
}

/** One regeneration: lint, types and bundle, then docs. Never throws: it reports. */
async function regenerate(reason: string): Promise<void> {
  const start = performance.now();
  let written: number;
  let spec: string;
  try {
    const outputs = await buildOutputs({ root: ROOT });
    const { changed, missing } = await writeOutputs(ROOT, outputs);
    written = changed.length + missing.length;
    spec = outputs.get("openapi.json")!;
  } catch (error) {
    report(reason, "failed; generated/ keeps its last good output", error);
    return;
  }
  const generated = `generated/ in ${Math.round(performance.now() - start)} ms (${written} written)`;
  if (!flags.docs) {
    console.log(`✔ ${time()} ${reason}: ${generated}`);
    return;
  }
  const docsStart = performance.now();
  try {
    await buildDocs(DOCS_DIR, spec);
  } catch (error) {
    report(reason, `${generated}, but the docs failed; the page keeps its last good build`, error);
    return;
  }
  for (const client of clients) client.write("data: reload\n\n");
  console.log(`✔ ${time()} ${reason}: ${generated}, docs in ${Math.round(performance.now() - docsStart)} ms`);
}

/** A ✘ status line, then the problem's own lines (file:line for the spec), indented. */
function report(reason: string, outcome: string, error: unknown): void {
  const lines = error instanceof PipelineError ? error.lines : [`error: ${messageOf(error)}`];
  console.log(`✘ ${time()} ${reason}: ${outcome}`);
  for (const line of lines) console.log(`  ${line}`);
}

/**
 * Runs regenerations one at a time; changes that arrive meanwhile make one more run.
 * Resolves when no run is left.
 */
let running: Promise<void> | undefined;
let pending: string | undefined;
function schedule(reason: string): Promise<void> {
  pending = reason;
  if (running) return running;
  running = (async () => {
    while (pending) {
      const next = pending;
      pending = undefined;
      await regenerate(next);
    }
    running = undefined;
  })();
  return running;
}

/** The docs server: the docs folder, with a script in the page that reloads it when told to. */
function docsServer(): Server {
  // Before the last </body>: Redoc's inlined JavaScript holds earlier ones in its strings.
  const reloader = `<script>new EventSource("/events").onmessage = () => location.reload();</script>`;
  const withReloader = (html: string) => {
    const end = html.lastIndexOf("</body>");
    return end === -1 ? html + reloader : html.slice(0, end) + reloader + html.slice(end);
  };
  const serve = serveDocs(DOCS_DIR, withReloader);
  return createServer((request, response) => {
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
}

/** Listens on 127.0.0.1, or ends the process with one line when the port cannot be had. */
async function listen(server: Server, port: number): Promise<number> {
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
    if (code === "EADDRINUSE") usageError(`port ${port} is in use (is npm run dev running already?)`);
    usageError(`cannot listen on 127.0.0.1:${port}: ${messageOf(error)}`);
  }
  return (server.address() as { port: number }).port;
}

/** redocly.yaml, and the folders and YAML or JSON files under openapi/: what a run reads. */
const OPENAPI = "openapi";
function isWatched(path: string): boolean {
  const inRoot = relative(ROOT, path);
  return inRoot === "" || inRoot === CONFIG_FILE || inRoot === OPENAPI || inRoot.startsWith(OPENAPI + sep);
}
const SOURCE_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Whether a change to this file calls for a run: not an editor's temp, backup or swap file. */
function isSource(path: string): boolean {
  const name = basename(path);
  return !name.startsWith(".") && SOURCE_EXTENSIONS.has(extname(name));
}

/**
 * Watches the project's root folder, not redocly.yaml itself: a watch on a file ends when the
 * file is deleted, so a config deleted and recreated would never be seen again. Chokidar
 * re-watches a file that is replaced by a rename, unlike node's fs.watch.
 *
 * `atomic` (chokidar's default, stated here because it matters): a file deleted and recreated
 * within 100 ms, as editors save, is one change, not a missing spec and a failed run.
 * `awaitWriteFinish` stays off: it holds every event until the file's size has been still for
 * a while (2 s by default), a delay on every save against slow writes, and editors write a file
 * of this size at once, well within the 15 ms pause below.
 */
async function watchSources(): Promise<void> {
  const watcher = watch(ROOT, { ignored: (path) => !isWatched(path), ignoreInitial: true, atomic: true });
  // Editors save in bursts (write, rename, chmod); a short pause makes one run of them.
  let timer: NodeJS.Timeout | undefined;
  watcher.on("all", (event, path) => {
    const file = relative(ROOT, path);
    if (!isSource(file)) return;
    clearTimeout(timer);
    const what = event === "unlink" ? "deleted" : event === "add" ? "added" : "changed";
    timer = setTimeout(() => schedule(`${file.split(sep).join("/")} ${what}`), 15);
  });
  watcher.on("error", (error) => console.log(`✘ ${time()} watching: ${messageOf(error)}`));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
}

const server = flags.docs ? docsServer() : undefined;
// Before the first run, which takes seconds: a port in use fails at once.
const port = server && (await listen(server, flags.port));
await watchSources();
await schedule("start");
console.log(
  port === undefined
    ? `watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`
    : `docs on http://127.0.0.1:${port}/ — watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`,
);
