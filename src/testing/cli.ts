/**
 * `versori-issues-fake`: the fake Issues API server in a process of its own, for end-to-end tests
 * in another process or language. It prints its URL and token as one JSON line, then serves
 * until it is stopped (Ctrl-C, SIGTERM).
 *
 *   versori-issues-fake [--port N] [--host H] [--token T] [--seed issues.json]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// The package entry's own module: the built command imports dist/testing.js rather than a copy.
import { type SeedIssue, startFakeIssuesServer } from "./index.js";

const USAGE = "usage: versori-issues-fake [--port N] [--host H] [--token T] [--seed issues.json]";

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
  if (values.help) return void console.log(USAGE);
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
  console.log(JSON.stringify({ url: server.url, token: server.token, issues: seed.length }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`versori-issues-fake: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
