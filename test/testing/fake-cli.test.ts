/**
 * `versori-issues-fake`, the fake server as a process of its own: it prints its URL and token as
 * one JSON line, serves seeded issues in the format its --help gives, stops cleanly on SIGTERM,
 * and refuses bad arguments with one line and exit code 1.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIssuesClient } from "../../src/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";
import { runCommand } from "../support/run.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const COMMAND = [process.execPath, "--import", "tsx", join(REPO_ROOT, "src/testing/cli.ts")] as const;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "versori-issues-fake-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it("serves its seed on the URL it prints, and exits 0 on SIGTERM", async () => {
  const seed = join(dir, "seed.json");
  await writeFile(seed, JSON.stringify([{ ...orderSync, organisationId: ORG }]));
  const [node, ...args] = COMMAND;
  const child = spawn(node, [...args, "--port", "0", "--token", "t0k", "--seed", seed], { cwd: REPO_ROOT });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        if (output.includes("\n")) resolve(output.split("\n")[0]!);
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its URL`)));
    });
    const { url, token, issues: count } = JSON.parse(line);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([token, count]).toEqual(["t0k", 1]);
    const issues = createIssuesClient({ baseUrl: url, token, organisationId: ORG });
    expect((await issues.list()).map((issue) => issue.title)).toEqual([orderSync.title]);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});

it("--help says what a --seed file holds, with an example the command serves", async () => {
  const [node, ...args] = COMMAND;
  const help = await runCommand(node, [...args, "--help"], { cwd: REPO_ROOT });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("--seed FILE   issues to start with: a JSON array of issues");
  const example = help.stdout.match(/^\s+\[\n[\s\S]*?^\s+\]$/m)?.[0];
  expect(example).toBeDefined();
  const seed = join(dir, "help-example.json");
  await writeFile(seed, example!);
  const child = spawn(node, [...args, "--port", "0", "--seed", seed], { cwd: REPO_ROOT });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        if (output.includes("\n")) resolve(output.split("\n")[0]!);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk;
      });
      child.once("exit", () => reject(new Error(`the example was refused:\n${output}`)));
    });
    const { url, token, issues: count } = JSON.parse(line);
    expect(count).toBe(1);
    const issues = createIssuesClient({ baseUrl: url, token, organisationId: ORG });
    expect(await issues.list()).toMatchObject([{ title: "Order sync failed", status: "open" }]);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});

it.each([
  [["--port", "70000"], '--port must be 0 to 65535, not "70000"'],
  [["--port", "1e3"], '--port must be 0 to 65535, not "1e3"'],
  [["--seed", "/nonexistent.json"], "--seed /nonexistent.json: no such file"],
  [["--colour"], "Unknown option '--colour'"],
])("refuses %j with one line and exit code 1", async (args, message) => {
  const [node, ...rest] = COMMAND;
  const result = await runCommand(node, [...rest, ...args], { cwd: REPO_ROOT });
  expect(result.code).toBe(1);
  expect(result.stderr.split("\n")[0]).toContain(message);
  expect(result.stderr).toContain("usage: versori-issues-fake");
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

/**
 * Runs the command with `args` until it exits, or until it prints its URL (it then serves, so it is
 * stopped and the result says so); at most 20 s.
 */
function runUntilServing(args: string[]): Promise<{ code: number | null; serving: boolean; stderr: string }> {
  const [node, ...rest] = COMMAND;
  const child = spawn(node, [...rest, ...args], { cwd: REPO_ROOT });
  let stderr = "";
  let serving = false;
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    if (String(chunk).includes("\n")) {
      serving = true;
      child.kill("SIGTERM");
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, serving, stderr });
    }),
  );
}

it.each([
  [["--host", ""], /^versori-issues-fake: --host must name an interface/],
  [["--token", ""], /^versori-issues-fake: --token must not be empty/],
  [["--token", "two words"], /^versori-issues-fake: .*token must be a non-empty string of visible ASCII/],
])("refuses %j instead of serving, with one line and exit code 1", async (args, message) => {
  const result = await runUntilServing(args);
  expect(result).toMatchObject({ serving: false, code: 1 });
  expect(result.stderr.split("\n")[0]).toMatch(message);
  expect(result.stderr).not.toContain("two words");
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

it("refuses a seed holding null, naming the issue", async () => {
  const seed = join(dir, "null-seed.json");
  await writeFile(seed, "[null]");
  const result = await runUntilServing(["--seed", seed]);
  expect(result).toMatchObject({ serving: false, code: 1 });
  expect(result.stderr.split("\n")[0]).toMatch(/seed: issue 0 must be an object, not null/);
  expect(result.stderr).not.toContain("Cannot read properties");
});

it("refuses a seed that breaks the spec, naming the issue and the field", async () => {
  const seed = join(dir, "bad-seed.json");
  await writeFile(seed, JSON.stringify([{ ...orderSync, organisationId: ORG, title: 7 }]));
  const [node, ...rest] = COMMAND;
  const result = await runCommand(node, [...rest, "--seed", seed], { cwd: REPO_ROOT });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/seed: issue 0 \(\w{26}\) breaks the spec: title must be string/);
});
