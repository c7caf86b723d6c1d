/**
 * Runs a curl sample with the system's curl against the HTTP fake on 127.0.0.1: the sample's
 * server replaced by the fake's URL, in `sh -c` with an environment of PATH and VERSORI_API_KEY
 * alone (no proxy settings, no curlrc from a home folder). A sample that would still call any
 * other URL is not run at all.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../../src/testing/index.ts";
import { requestProblem, seedFor } from "./expected-request.ts";
import { sampleName } from "./names.ts";

/** The longest a curl sample may run, in ms. */
const CURL_TIMEOUT_MS = 10_000;

/** The `curl` on PATH, or undefined when there is none. */
export function findCurl(path = process.env.PATH ?? ""): string | undefined {
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, "curl");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The URLs a shell text names: each `http://` or `https://` up to a quote, a space or a backslash. */
export function urlsIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s"'\\]+/g) ?? [];
}

/** Why the sample failed, with what it printed, naming it; undefined when it passed. */
export async function runCurlSample(curl: string, sample: CodeSample): Promise<string | undefined> {
  const server = await startFakeIssuesServer({ host: "127.0.0.1" });
  try {
    seedFor(server, sample);
    const script = sample.source.replaceAll(sample.server, server.url);
    const elsewhere = urlsIn(script).find((url) => !url.startsWith(`${server.url}/`));
    if (script.includes(sample.server) || elsewhere !== undefined) {
      const called = elsewhere ?? sample.server;
      return `${sampleName(sample)}: not run: it calls ${called.replace(server.url, sample.server)}, not ${sample.server}`;
    }
    const run = await runScript(curl, script, server);
    const problem =
      run.code === 0 ? requestProblem(sample, server.requests) : `sh exited with ${run.code}: ${run.error}`;
    if (problem === undefined) return undefined;
    return `${sampleName(sample)}: ${problem}\nit printed:\n${run.output || "(nothing)"}`;
  } finally {
    await server.close();
  }
}

interface ScriptRun {
  code: number | string;
  error: string;
  output: string;
}

function runScript(curl: string, script: string, server: FakeIssuesServer): Promise<ScriptRun> {
  // The folder of the curl that was found, and the shell's own.
  const path = [curl.slice(0, curl.lastIndexOf("/")), "/usr/bin", "/bin"].join(delimiter);
  return new Promise((done) => {
    execFile(
      "sh",
      ["-c", script],
      {
        env: { PATH: path, VERSORI_API_KEY: server.token },
        timeout: CURL_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : (error.code ?? (error.killed ? `a kill after ${CURL_TIMEOUT_MS} ms` : 1));
        done({ code, error: error?.message.split("\n")[0] ?? "", output: `${stdout}${stderr}` });
      },
    );
  });
}
