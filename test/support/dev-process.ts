/** `npm run dev` (scripts/dev.ts, tools/dev/) as a real process in a temp copy of the project, for tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { waitFor } from "../../tools/lib/wait.ts";

/** How `npm run dev` starts node: the watcher's own process, not npm's, so that killing it stops it. */
const NODE_ARGS = ["tools/launch/run.mjs", "dev"];

export interface DevProcess {
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Its `✔`/`✘` status lines so far. */
  statusLines(): string[];
  /** Resolves once `done` holds, polling; fails after `ms` with what it printed. */
  until(done: () => boolean | Promise<boolean>, what: string, ms?: number): Promise<void>;
  /** Resolves with the exit code (null when a signal ended it) and what it printed. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Kills it, if it still runs, and waits for it to exit: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export function startDev(root: string, ...args: string[]): DevProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  let stderr = "";
  child.on("error", (error) => (output += `failed to start: ${error.message}\n`));
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk;
    output += chunk;
  });
  // "close", not "exit": by then both pipes are drained.
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, stdout, stderr })),
  );

  const dev: DevProcess = {
    process: child,
    output: () => output,
    statusLines: () => output.split("\n").filter((line) => /^[✔✘] /.test(line)),
    until: (done, what, ms = 20_000) =>
      waitFor(done, what, {
        ms,
        detail: () => `npm run dev printed:\n${output}`,
        stop: () => (child.exitCode !== null || child.signalCode !== null ? "npm run dev exited" : undefined),
      }),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      const stubborn = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(stubborn);
    },
  };
  return dev;
}
