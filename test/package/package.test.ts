/**
 * The package as consumers get it. `npm run build:dist` runs in a temp copy of the repository;
 * publint and attw check the result, plain Node imports it by name, and `npm pack`'s tarball
 * is installed offline into a fresh project whose consumers are type-checked and run.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";

const run = promisify(execFile);
/** Runs a command and resolves with its exit code and output, whatever the code. */
const attempt = (file: string, args: string[], cwd: string) =>
  run(file, args, { cwd, env: { ...process.env, FORCE_COLOR: "0" }, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
const bin = (name: string) => join(REPO_ROOT, "node_modules/.bin", name);

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo();
  const build = await repo.npm("build:dist");
  expect(build.stderr).toBe("");
  expect(build.code).toBe(0);
}, 120_000);
afterAll(() => repo.dispose());

describe("the built package", () => {
  it("passes publint --strict", async () => {
    const result = await attempt(bin("publint"), ["--strict"], repo.root);
    expect(result.stdout).toContain("All good!");
    expect(result.code).toBe(0);
  });

  it("passes attw with the esm-only profile", async () => {
    const result = await attempt(bin("attw"), ["--pack", ".", "--profile", "esm-only"], repo.root);
    expect(result.code).toBe(0);
    // Every entry resolves, with types, for ESM under node16+ and for bundlers.
    expect(result.stdout.match(/node16 \(from ESM\): 🟢/g)).toHaveLength(5);
    expect(result.stdout.match(/bundler: 🟢/g)).toHaveLength(5);
  });

  it("has the version of the spec it describes", async () => {
    const pkg = JSON.parse(await repo.read("package.json"));
    const spec = JSON.parse(await repo.read("dist/openapi.json"));
    expect(pkg.version).toBe(spec.info.version);
  });

  it("the client's bundle imports nothing but openapi-fetch", async () => {
    const bundle = await repo.read("dist/index.js");
    const imports = [...bundle.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(imports).toEqual(["openapi-fetch"]);
    const pkg = JSON.parse(await repo.read("package.json"));
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
  });

  it("plain Node imports every entry by name", async () => {
    const script = `
      import { createIssuesClient, IssuesApiError } from "versori-issues-api";
      import { startFakeIssuesServer } from "versori-issues-api/testing";
      import * as types from "versori-issues-api/types";
      import spec from "versori-issues-api/openapi.json" with { type: "json" };
      const server = await startFakeIssuesServer({ maxPageSize: 1 });
      const organisationId = "01KJPWD6M0MD8SP6RARAKC9170";
      const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });
      const fields = { environmentId: "01KJSESXM0033A0801TK9E6SS5", reason: "error", title: "t", severity: "low" };
      const created = await issues.create(fields);
      await issues.create(fields);
      const all = [];
      for await (const issue of issues.listAll()) all.push(issue.id);
      const missing = await issues.update("01M875QQ4RP11WECH4S18ARRGR", { status: "acked" }).catch((e) => e);
      await server.close();
      console.log(JSON.stringify({
        created: created.status, all: all.length, missing: missing instanceof IssuesApiError && missing.status,
        types: Object.keys(types).length, spec: spec.info.version,
      }));
    `;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: repo.root });
    expect(JSON.parse(stdout)).toEqual({ created: "open", all: 2, missing: 404, types: 0, spec: "1.0.0" });
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
});

describe("consumers of the packed tarball", () => {
  let project: string;

  beforeAll(async () => {
    const packed = await attempt("npm", ["pack", "--silent", "--pack-destination", repo.root], repo.root);
    expect(packed.code).toBe(0);
    const tarball = join(repo.root, packed.stdout.trim().split("\n").at(-1)!);

    project = await mkdtemp(join(tmpdir(), "versori-issues-api-consumer-"));
    await cp(join(REPO_ROOT, "test/package/consumers"), project, { recursive: true });
    // From the tarball and npm's cache only: nothing is downloaded. TypeScript is pinned.
    const installed = await attempt(
      "npm",
      [
        "install",
        "--offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        tarball,
        ...(await pinned(["typescript", "openapi-fetch", "@types/node"])),
      ],
      project,
    );
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
  }, 120_000);
  afterAll(() => rm(project, { recursive: true, force: true }));

  const tsc = (config: string) => attempt(join(project, "node_modules/.bin/tsc"), ["-p", config], project);

  it.each(["tsconfig.nodenext.json", "tsconfig.bundler.json"])(
    "the client, types-only and CommonJS consumers type-check under %s",
    async (config) => {
      const result = await tsc(config);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(0);
    },
  );

  it("the client consumer runs against versori-issues-api/testing", async () => {
    await tsc("tsconfig.nodenext.json");
    const { stdout } = await run(process.execPath, ["out/client.js"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ created: "open", listed: 1, acked: "acked", missing: 404 });
  });

  it("the CommonJS consumer require()s the package", async () => {
    await tsc("tsconfig.nodenext.json");
    expect((await readdir(join(project, "out"))).sort()).toEqual([
      "client.js",
      "require.cjs",
      "types-only.js",
    ]);
    const { stdout } = await run(process.execPath, ["out/require.cjs"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      createIssuesClient: "function",
      IssuesApiError: "function",
      listAll: "function",
    });
  });

  it("a consumer that passes a field the API lacks fails to type-check", async () => {
    const result = await tsc("tsconfig.wrong.json");
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /wrong-field\.ts\(\d+,\d+\): error TS2353: .*'assignee' does not exist in type/,
    );
  });
});

/** `name@version` for each package, at the version this repository's lockfile pins. */
async function pinned(names: string[]): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(REPO_ROOT, "package-lock.json"), "utf8"));
  return names.map((name) => `${name}@${lock.packages[`node_modules/${name}`].version}`);
}
