/**
 * `npm run dev` on a temp copy of the project: each save regenerates generated/ and the docs,
 * a lint error keeps the last good output and the watcher running, and an open docs page is
 * told to reload.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

let repo: TempRepo;
let dev: ChildProcess;
let output = "";
let docsUrl: string;

const statusLines = () => output.split("\n").filter((line) => /^[✔✘] /.test(line));
async function until(done: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  repo = await createTempRepo();
  // The watcher's own process (not npm's), so that stopping it stops the server.
  dev = spawn(process.execPath, ["--import", "./scripts/preload.mjs", "--import", "tsx", "scripts/dev.ts"], {
    cwd: repo.root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout!.on("data", (chunk) => (output += chunk));
  dev.stderr!.on("data", (chunk) => (output += chunk));
  await until(() => /docs on (http:\/\/127\.0\.0\.1:\d+\/)/.test(output), "the docs server", 60_000);
  docsUrl = /docs on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
}, 90_000);

afterAll(async () => {
  dev?.kill();
  await repo?.dispose();
});

it("regenerates generated/ and the docs on save, and tells an open page to reload", async () => {
  const events = await fetch(`${docsUrl}events`);
  const reader = events.body!.getReader();
  const before = statusLines().length;

  await repo.edit(
    "openapi/issues.yaml",
    "description: The title of the issue.",
    "description: The headline.",
  );

  await until(() => statusLines().length > before, "a status line");
  expect(statusLines().at(-1)).toMatch(
    /^✔ \d\d:\d\d:\d\d openapi\/issues\.yaml changed: generated\/ in \d+ ms \(2 written\), docs in \d+ ms$/,
  );
  expect(await repo.read("generated/issues.ts")).toContain("@description The headline.");
  const { value } = await reader.read();
  expect(new TextDecoder().decode(value)).toBe("data: reload\n\n");
  await reader.cancel();

  const page = await (await fetch(docsUrl)).text();
  expect(page).toContain("The headline.");
  expect(page).toContain('new EventSource("/events")');
});

it("prints a lint error with its file:line, keeps the last good output, and keeps watching", async () => {
  const good = await repo.read("generated/issues.ts");
  const before = statusLines().length;

  await repo.edit("openapi/issues.yaml", "operationId: ListIssues", "operationId: listIssues");

  await until(() => statusLines().length > before, "a status line");
  expect(statusLines().at(-1)).toMatch(/^✘ .* generated\/ keeps its last good output$/);
  expect(output).toMatch(/ {2}openapi\/issues\.yaml:\d+:\d+ rule\/operation-id-pascal-case /);
  expect(await repo.read("generated/issues.ts")).toBe(good);

  const again = statusLines().length;
  await repo.edit("openapi/issues.yaml", "operationId: listIssues", "operationId: ListIssues");
  await until(() => statusLines().length > again, "a status line");
  expect(statusLines().at(-1)).toMatch(/^✔ /);
  expect(dev.exitCode).toBeNull();
});
