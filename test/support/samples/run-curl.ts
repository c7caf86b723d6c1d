/**
 * Runs a curl sample with the system's curl against the HTTP fake on 127.0.0.1: the sample's
 * server replaced by the fake's URL in its URL argument only, in `sh -c`, with an environment of
 * PATH and VERSORI_API_KEY and a proxy that refuses everything but the fake: a URL anywhere else,
 * `localhost` included, which the sample should not call, fails to connect instead of reaching
 * the network or another local service. No curlrc is read (no HOME).
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../../src/testing/index.ts";
import { requestProblem, seedFor, sentRequests } from "./expected-request.ts";
import { sampleName } from "./names.ts";
import { replaceWordPrefix } from "./shell-words.ts";

/** Where the fake listens: the one host the proxy settings let curl reach directly. */
const FAKE_HOST = "127.0.0.1";

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

/**
 * Proxy settings that send every URL but the fake host's to a port where nothing listens (the
 * discard port of 127.0.0.1), for curl's environment.
 */
const LOOPBACK_ONLY = {
  http_proxy: "http://127.0.0.1:9",
  https_proxy: "http://127.0.0.1:9",
  all_proxy: "http://127.0.0.1:9",
  // Not `localhost`, which would reach whatever else listens on this machine.
  no_proxy: FAKE_HOST,
};

/** Why the sample failed, with what it printed, naming it; undefined when it passed. */
export async function runCurlSample(curl: string, sample: CodeSample): Promise<string | undefined> {
  const server = await startFakeIssuesServer({ host: FAKE_HOST });
  try {
    seedFor(server, sample);
    // The URL argument alone: the server's URL in an example value is the example's.
    const script = replaceWordPrefix(sample.source, sample.server, server.url);
    if (script === undefined) {
      return `${sampleName(sample)}: not run: its server ${sample.server} is not where it sends its request`;
    }
    const run = await runScript(curl, script, server);
    const problem =
      run.code === 0
        ? requestProblem(sample, server)
        : `it exited with ${run.code}; ${sentRequests(server.requests)}`;
    if (problem === undefined) return undefined;
    return `${sampleName(sample)}: ${problem}\nit printed:\n${run.output || "(nothing)"}`;
  } finally {
    await server.close();
  }
}

interface ScriptRun {
  /** The exit code, or why there is none. */
  code: number | string;
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
        env: { PATH: path, VERSORI_API_KEY: server.token, ...LOOPBACK_ONLY },
        timeout: CURL_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : error.killed ? `a kill after ${CURL_TIMEOUT_MS} ms` : (error.code ?? 1);
        done({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
