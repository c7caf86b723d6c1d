/**
 * `npm run build:dist` produces a package that plain Node imports by its own name (the
 * `exports` map), with no tsx and no sources: the client from ".", the fake server from
 * "./testing".
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo();
  const build = await repo.npm("build:dist");
  expect(build.stderr).toBe("");
  expect(build.code).toBe(0);
}, 120_000);
afterAll(() => repo.dispose());

it("the client's bundle imports nothing but openapi-fetch", async () => {
  const bundle = await repo.read("dist/index.js");
  const imports = [...bundle.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"/g)].map(
    (m) => m[1] ?? m[2],
  );
  expect(imports).toEqual(["openapi-fetch"]);
});

it("plain Node imports the built package by name and uses it against the fake server", async () => {
  const script = `
    import { createIssuesClient, IssuesApiError } from "versori-issues-api";
    import { startFakeIssuesServer } from "versori-issues-api/testing";
    const server = await startFakeIssuesServer({ maxPageSize: 1 });
    const organisationId = "01KJPWD6M0MD8SP6RARAKC9170";
    const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });
    const created = await issues.create({ environmentId: "01KJSESXM0033A0801TK9E6SS5", reason: "error", title: "t", severity: "low" });
    await issues.create({ environmentId: "01KJSESXM0033A0801TK9E6SS5", reason: "error", title: "u", severity: "low" });
    const all = [];
    for await (const issue of issues.listAll()) all.push(issue.id);
    const missing = await issues.update("01M875QQ4RP11WECH4S18ARRGR", { status: "acked" }).catch((e) => e);
    await server.close();
    console.log(JSON.stringify({ created: created.status, all: all.length, missing: missing instanceof IssuesApiError && missing.status }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: repo.root,
  });
  expect(JSON.parse(stdout)).toEqual({ created: "open", all: 2, missing: 404 });
});

it("npm run example walks through create, list, acknowledge, resolve and listAll", async () => {
  const example = await repo.npm("example");
  expect(example.code).toBe(0);
  expect(example.stdout).toMatch(/^created +\w{26} "Order sync failed" \(open\)$/m);
  expect(example.stdout).toMatch(/^acked +\w{26} \(acked\)$/m);
  expect(example.stdout).toMatch(/^resolved +\w{26} \(resolved, resolved\)$/m);
  expect(example.stdout).toMatch(/^listAll +3 issues in all$/m);
  expect(example.stdout).toMatch(
    /^error +\[PATCH \/o\/\w+\/issues\/\w+\] 404 not_found: issue does not exist$/m,
  );
});
