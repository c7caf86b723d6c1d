/**
 * Runs package.json scripts side by side, as npm would run each (its command in a shell, with
 * node_modules/.bin on PATH) without starting npm for each, and lets every one run to its end.
 * Each script's output, stdout and stderr in the order they came, is kept whole for its caller
 * to print under the script's name. Stopping the run stops every script with all it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { delimiter, join } from "node:path";

export interface ScriptRun {
  name: string;
  /** The exit code; null when the script was ended by a signal. */
  code: number | null;
  /** The signal that ended it, if one did. */
  signal: NodeJS.Signals | null;
  /** Its stdout and stderr, interleaved as they came. */
  output: string;
  ms: number;
}

export interface RunScriptsOptions {
  /** Called as each script ends, in the order they end. */
  onEnd?: (run: ScriptRun) => void;
  /**
   * Aborted with a signal's name as its reason (`SIGTERM`), it sends that signal to every script
   * still running (and SIGKILL to any still running 2 s later); the run resolves once all ended.
   */
  stop?: AbortSignal;
}

/** How long a stopped script may take to end before it is killed outright. */
const STOP_GRACE_MS = 2_000;

/** The commands of those of the scripts `names` that `root`'s package.json has, by name. */
export async function scriptCommands(root: string, names: readonly string[]): Promise<Map<string, string>> {
  const { scripts = {} } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const commands = new Map<string, string>();
  for (const name of names) {
    if (Object.hasOwn(scripts, name)) commands.set(name, scripts[name]!);
  }
  return commands;
}

/**
 * Runs each of `commands` (script name to command, from scriptCommands) in `root`, all at once,
 * and resolves when all have ended with one ScriptRun each, in the order given. Colour is off,
 * as output that is read later, or in CI, wants it, and so is Redocly's telemetry.
 */
export function runScripts(
  root: string,
  commands: ReadonlyMap<string, string>,
  options: RunScriptsOptions = {},
): Promise<ScriptRun[]> {
  const running = new Set<ChildProcess>();
  const stopAll = (signal: NodeJS.Signals) => {
    for (const child of running) killGroup(child, signal);
    const outright = setTimeout(() => {
      for (const child of running) killGroup(child, "SIGKILL");
    }, STOP_GRACE_MS);
    outright.unref();
  };
  const onStop = () => stopAll(options.stop?.reason as NodeJS.Signals);
  options.stop?.addEventListener("abort", onStop, { once: true });

  const runs = [...commands].map(
    ([name, command]) =>
      new Promise<ScriptRun>((done) => {
        const started = performance.now();
        const chunks: Buffer[] = [];
        // In a process group of its own, so that stopping it stops what it started too.
        const child = spawn(command, {
          cwd: root,
          shell: true,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
          env: scriptEnv(root, name, command),
        });
        running.add(child);
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
        let ended = false;
        const end = (code: number | null, signal: NodeJS.Signals | null) => {
          if (ended) return;
          ended = true;
          running.delete(child);
          const run = {
            name,
            code,
            signal,
            output: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          };
          options.onEnd?.(run);
          done(run);
        };
        child.on("error", (error) => {
          chunks.push(Buffer.from(`could not start: ${error.message}\n`));
          end(127, null);
        });
        // "close", not "exit": the output is whole only once the pipes have closed.
        child.on("close", end);
      }),
  );
  return Promise.all(runs).finally(() => options.stop?.removeEventListener("abort", onStop));
}

/** The environment npm gives a script, less colour, and with Redocly's telemetry off. */
function scriptEnv(root: string, name: string, command: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [join(root, "node_modules/.bin"), process.env.PATH].join(delimiter),
    npm_lifecycle_event: name,
    npm_lifecycle_script: command,
    REDOCLY_TELEMETRY: "off",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
