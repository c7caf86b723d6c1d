/**
 * `npm test`'s first stage (scripts/checks.ts): every check runs to its end, side by side, each
 * one's whole output printed under its own name, then a summary of which failed; and a stopped
 * run stops every check it started. Each case runs the real runner in a temp copy of the
 * repository, on the real checks.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../support/run.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";

/** The settings of the linter and the formatter, which a temp copy leaves out. */
const SETTINGS = [".prettierrc.json", ".prettierignore", ".editorconfig", "biome.jsonc"];
const CHECKS = ["check", "check:breaking", "typecheck", "lint:code", "format:check"];

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
  await Promise.all(SETTINGS.map((name) => copyFile(join(REPO_ROOT, name), join(repo.root, name))));
});
afterEach(async () => {
  await repo.dispose();
});

const runChecks = (...names: string[]) =>
  runCommand(process.execPath, ["tools/launch/run.mjs", "checks", ...names], { cwd: repo.root });

/** Each check's block of output, by name: the lines after its header, up to the next header. */
function blocks(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  let current: string[] | undefined;
  for (const line of stdout.split("\n")) {
    const header = /^── (\S+) ── /.exec(line);
    if (header) {
      current = [];
      found.set(header[1]!, "");
    }
    if (header || !current) continue;
    current.push(line);
    found.set([...found.keys()].at(-1)!, current.join("\n"));
  }
  return found;
}

describe("the checks of npm test", () => {
  it("are the five that npm test runs first, before the test suite", async () => {
    const listed = await runChecks("--list");
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split("\n")).toEqual(CHECKS);
    const { scripts } = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
    expect(scripts.test).toBe("node tools/launch/run.mjs checks && vitest run");
    for (const name of CHECKS) expect(scripts).toHaveProperty([name]);
  });

  it("run every check to its end and print each one's output under its name, then which failed", async () => {
    await repo.write("examples/unformatted.ts", "export const answer = {value:42}\n");
    await repo.write("examples/stopped.ts", "export function stop(): void {\n  debugger;\n}\n");

    const result = await runChecks("lint:code", "format:check", "check");

    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const output = blocks(result.stdout.slice(0, result.stdout.indexOf("── summary ")));
    expect([...output.keys()].sort()).toEqual(["check", "format:check", "lint:code"]);
    // Each one's whole output, and only its own.
    expect(output.get("lint:code")).toContain("examples/stopped.ts");
    expect(output.get("lint:code")).toContain("noDebugger");
    expect(output.get("lint:code")).not.toContain("unformatted.ts");
    expect(output.get("format:check")).toContain("[warn] examples/unformatted.ts");
    expect(output.get("format:check")).toContain("Run Prettier with --write to fix");
    expect(output.get("format:check")).not.toContain("stopped.ts");
    expect(output.get("check")).toMatch(/^✔ compare +generated\/ matches the spec/m);

    // The summary, in the order the checks were named, with each one's time.
    const summary = result.stdout.slice(result.stdout.indexOf("── summary ")).trim().split("\n");
    expect(summary.slice(1)).toEqual([
      expect.stringMatching(/^✘ lint:code +\d+\.\d s +exit code 1$/),
      expect.stringMatching(/^✘ format:check +\d+\.\d s +exit code 1$/),
      expect.stringMatching(/^✔ check +\d+\.\d s$/),
      "2 of 3 checks failed: lint:code, format:check",
    ]);
  });

  it("passes when every check passes", async () => {
    const result = await runChecks("lint:code", "check");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^── summary ─+\n✔ lint:code .+\n✔ check .+\nall 2 checks passed\n$/m);
  });

  it("refuses a name that package.json has no script for", async () => {
    const result = await runChecks("lint:code", "lint:cod");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe('checks: package.json has no script "lint:cod"');
  });

  it.each(["SIGTERM", "SIGINT"] as const)("stop every check they started on %s", async (signal) => {
    // A check that runs until it is stopped, and says where it is: its own process, under a shell.
    const pidFile = join(repo.root, "sleeper.pid");
    const sleeper =
      "require('fs').writeFileSync('sleeper.pid', String(process.pid)); setInterval(() => {}, 1000)";
    const manifest = JSON.parse(await repo.read("package.json"));
    manifest.scripts.sleep = `node -e "${sleeper}"`;
    await repo.write("package.json", JSON.stringify(manifest, null, 2));

    const runner = spawn(process.execPath, ["tools/launch/run.mjs", "checks", "sleep"], {
      cwd: repo.root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    runner.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => runner.on("exit", (code) => done(code)));
    const pid = await waitFor(
      async () => Number(await readFile(pidFile, "utf8").catch(() => "")) || undefined,
    );

    const stoppedAt = performance.now();
    runner.kill(signal);
    const code = await exited;

    expect(performance.now() - stoppedAt).toBeLessThan(2_000);
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(stderr).toContain(`checks: stopped by ${signal}; sleep did not finish`);
    // Its pipes close, which ends the run, while the kernel is still taking it down: on a busy
    // machine it may show as running for a moment after. One left running runs for good.
    await expect(waitFor(async () => (isRunning(pid) ? undefined : true), 1_000)).resolves.toBe(true);
  });
});

/** Whether the process `pid` runs: a zombie, ended and waiting for init to reap it, does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // `pid (name) state …`: Z for a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

async function waitFor<T>(poll: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await poll();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
