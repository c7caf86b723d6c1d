/** Runs commands for tests: the real CLI, its exit code and its output, whatever the code. */
import { execFile } from "node:child_process";

export interface RunResult {
  /** The exit code; 1 when the command could not start or was ended by a signal. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file` with `args` and resolves, never rejects, with its exit code and output. Colour is
 * off, so output can be matched as text.
 */
export function runCommand(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, FORCE_COLOR: "0", ...options.env },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
