/**
 * `versori-issues-fake`: the fake Issues API server in a process of its own, for end-to-end tests
 * in another process or language. It prints its URL, token and process ID as one JSON line, then
 * serves until it is stopped (Ctrl-C, SIGTERM) or the process that started it ends.
 *
 *   versori-issues-fake [--port N] [--host H] [--token T] [--seed issues.json]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// The package entry's own module: the built command imports dist/testing.js rather than a copy.
import { type SeedIssue, startFakeIssuesServer } from "./index.js";

const USAGE = "usage: versori-issues-fake [--port N] [--host H] [--token T] [--seed issues.json]";

const HELP = `${USAGE}

Serves a fake Versori Issues API and prints one JSON line, {"url","token","issues","pid"}.
It stops on SIGTERM or SIGINT, and when the process that started it ends.

  --port N      the port to listen on (default 0, a free one)
  --host H      the interface to listen on (default 127.0.0.1; 0.0.0.0 for every one)
  --token T     the bearer token to accept (default: a random one, printed)
  --seed FILE   issues to start with: a JSON array of issues as the API returns them.
                organisationId, environmentId, title, reason and severity are needed; every
                other field left out gets what a create gives it (a new id, status "open",
                createdAt now). An issue that breaks the spec stops the command, named. E.g.:

    [
      {"organisationId": "01KJPWD6M0MD8SP6RARAKC9170", "environmentId": "01KJSESXM0033A0801TK9E6SS5",
       "title": "Order sync failed", "reason": "error", "severity": "high"}
    ]
`;

/** How often the command looks for its parent, in ms: the longest it outlives one. */
const PARENT_CHECK_MS = 50;
/**
 * The process that started this one, read before the ready line: once that is out, whoever reads
 * it may stop the parent at any moment, before a later read, which would then see the new one.
 */
const PARENT = process.ppid;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return void process.stdout.write(HELP);
  const port = Number(values.port);
  const digits = /^\d+$/.test(values.port);
  if (!digits || port > 65_535)
    throw new Error(`--port must be 0 to 65535, not ${JSON.stringify(values.port)}`);
  // An empty flag is most often an unset variable (`--host "$HOST"`); Node would take an empty
  // host for every interface, and an empty token would let in an empty cookie.
  if (values.host === "")
    throw new Error("--host must name an interface, such as 127.0.0.1 (or 0.0.0.0 for every interface)");
  if (values.token === "") throw new Error("--token must not be empty (an unset environment variable?)");

  let seed: SeedIssue[] = [];
  if (values.seed) {
    const text = await readFile(values.seed, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`--seed ${values.seed}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    });
    try {
      seed = JSON.parse(text);
    } catch (error) {
      throw new Error(`--seed ${values.seed}: not JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(seed)) throw new Error(`--seed ${values.seed}: must hold a JSON array of issues`);
  }

  const server = await startFakeIssuesServer({
    port,
    host: values.host,
    ...(values.token === undefined ? {} : { token: values.token }),
  });
  server.seed(seed);
  const ready = { url: server.url, token: server.token, issues: seed.length, pid: process.pid };
  console.log(JSON.stringify(ready));
  // close() ends keep-alive connections too, rather than waiting out their idle timeout.
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // npm's launcher (npx, npm exec, npm run) runs the command under `sh -c`, and sh does not pass
  // a SIGTERM on: `kill $!` would end npm and sh and leave the fake listening, owned by init.
  // A process whose parent ends is given to another, so a changed parent ID means it has gone.
  const watch = setInterval(() => process.ppid !== PARENT && stop(), PARENT_CHECK_MS);
  watch.unref();
}

main().catch((error: unknown) => {
  console.error(`versori-issues-fake: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
