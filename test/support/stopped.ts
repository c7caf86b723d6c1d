/** Runs generate's write step or a release in a child process that is killed at a given step. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./temp-repo.ts";

export type StoppedJob = {
  root: string;
  /** The step to be killed at: its name (`swap issues.ts`), or its index among the steps. */
  at: string | number;
} & (
  { run: "write"; outputs: Record<string, string> } | { run: "release"; kind: "major" | "minor" | "patch" }
);

export interface Stopped {
  /** SIGKILL when the run was killed at its step; null when it ended first. */
  signal: NodeJS.Signals | null;
  stderr: string;
}

const SCRIPT = join(REPO_ROOT, "test/support/stopped-run.ts");

export async function runStopped(job: StoppedJob): Promise<Stopped> {
  // The job goes in a file: generated/'s files are too long for a command-line argument.
  const folder = await mkdtemp(join(tmpdir(), "stopped-run-"));
  const file = join(folder, "job.json");
  await writeFile(file, JSON.stringify(job));
  try {
    return await new Promise((done) => {
      execFile(
        process.execPath,
        ["--import", "tsx", SCRIPT, file],
        { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024 },
        (error, _stdout, stderr) => done({ signal: error?.signal ?? null, stderr }),
      );
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
