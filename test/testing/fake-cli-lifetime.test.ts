/**
 * How `versori-issues-fake` stops: at once on SIGTERM or SIGINT, keep-alive connections and all,
 * and, started through npm's own launcher (`npx versori-issues-fake … &`), when npm is killed,
 * rather than living on, owned by init and still listening.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent, get } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../../tools/lib/wait.ts";
import { ORG } from "../support/fixtures.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const CLI = join(REPO_ROOT, "src/testing/cli.ts");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "versori-issues-fake-lifetime-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Ready {
  url: string;
  token: string;
  pid: number;
}

/** The command's ready line, or a failure saying what it printed instead. */
function ready(child: ChildProcess): Promise<Ready> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("\n")) resolve(JSON.parse(output.split("\n")[0]!));
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before serving:\n${output}`)));
  });
}

/** One request on a keep-alive agent, whose socket then stays open, idle, in the agent's pool. */
async function keepAliveRequest({ url, token }: Ready, agent: Agent): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  await new Promise<void>((resolve, reject) =>
    get(`${url}/o/${ORG}/issues`, { agent, headers }, (response) => {
      response.resume().once("end", resolve);
    }).once("error", reject),
  );
  await waitFor(() => Object.values(agent.freeSockets).flat().length === 1, "the idle keep-alive socket");
}

it.each(["SIGTERM", "SIGINT"] as const)(
  "exits 0 at once on %s, with a keep-alive connection open",
  async (signal) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0"], { cwd: REPO_ROOT });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const agent = new Agent({ keepAlive: true });
    try {
      await keepAliveRequest(await ready(child), agent);
      const sent = performance.now();
      child.kill(signal);
      expect(await exited).toBe(0);
      // Well inside the 5 s keep-alive timeout that a close waiting on the idle socket would take.
      expect(performance.now() - sent).toBeLessThan(1_000);
    } finally {
      agent.destroy();
      child.kill("SIGKILL");
    }
  },
);

/** The process's line in /proc, or "" when there is none. */
function stat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return "";
  }
}

/** Whether a process with this ID still runs (a zombie, dead but not yet reaped, does not). */
const running = (pid: number) => stat(pid) !== "" && !/^\d+ \(.*\) Z/.test(stat(pid));

/** Whether something accepts connections at `url`. */
const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const answer = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once("connect", () => answer(true)).once("error", () => answer(false));
    socket.setTimeout(1_000, () => answer(false));
  });

/** tsx's ESM API as a file, for a script outside the repository, where `tsx` does not resolve. */
function tsxApi(): string {
  const manifest = createRequire(join(REPO_ROOT, "package.json")).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), exports["./esm/api"].import.default);
}

it.skipIf(process.platform === "win32")(
  "started through npx, stops when npm is killed, instead of living on and listening",
  async () => {
    // A package whose bin runs the command's source in the same process, as the built bin does:
    // npm, sh -c, then node, as `npx versori-issues-fake` runs from an install.
    const project = join(dir, "project");
    await mkdir(project);
    const tsx = tsxApi();
    const bin = join(project, "fake.mjs");
    await writeFile(
      bin,
      `#!/usr/bin/env node\nimport { register } from ${JSON.stringify(pathToFileURL(tsx).href)};\n` +
        `register();\nawait import(${JSON.stringify(pathToFileURL(CLI).href)});\n`,
    );
    await chmod(bin, 0o755);
    const manifest = { name: "fake-launch", version: "0.0.0", bin: { "versori-issues-fake": "./fake.mjs" } };
    await writeFile(join(project, "package.json"), JSON.stringify(manifest));
    // npm's own variables, set when this test runs under `npm test`, would name another project.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    Object.assign(env, {
      npm_config_cache: join(dir, "npm-cache"),
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
    });
    const npx = spawn("npx", ["--no-install", "versori-issues-fake", "--port", "0"], { cwd: project, env });
    const npmExited = new Promise((resolve) => npx.once("exit", resolve));
    let fake: Ready | undefined;
    try {
      fake = await ready(npx);
      expect(fake.pid).not.toBe(npx.pid); // npm runs the command as a child of its own
      npx.kill("SIGTERM"); // `kill $!`
      await npmExited;
      const { pid, url } = fake;
      let state = "";
      const stopped = async () => {
        state = `running: ${running(pid)}, listening: ${await listening(url)}, stat: ${stat(pid)}`;
        return !running(pid) && !(await listening(url));
      };
      await waitFor(stopped, "the fake to stop", { ms: 5_000, detail: () => state });
    } finally {
      npx.kill("SIGKILL");
      if (fake && running(fake.pid)) process.kill(fake.pid, "SIGKILL");
    }
  },
);
