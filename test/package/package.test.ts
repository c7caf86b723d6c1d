/**
 * The package as consumers get it, by the paths people take:
 * - `npm pack` in an unbuilt copy of the repository: npm's `prepare` builds dist/ first;
 * - the tarball installed into a fresh project;
 * - a git URL installed into a fresh project: npm clones the repository, installs its dev
 *   dependencies and runs `prepare`, as for `npm i github:<owner>/<repo>#v1.0.0`.
 * publint and attw check the built package; the tarball's install is type-checked under node10,
 * nodenext and bundler resolution, and run; the git URL's install must hold the same files.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG } from "../support/fixtures.ts";
import { runCommand } from "../support/run.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";
import { type ConsumerProject, installConsumer } from "./consumer-project.ts";

const run = promisify(execFile);
const attempt = (file: string, args: string[], cwd: string) => runCommand(file, args, { cwd });
const bin = (name: string) => join(REPO_ROOT, "node_modules/.bin", name);

let repo: TempRepo;
const DOCS_PAGE = "<!DOCTYPE html><title>docs</title>";
// Outside the repository: publint packs it too, into the same file name, and deletes that.
let packDir: string;
let tarball: string;
let packed: string[];

beforeAll(async () => {
  repo = await createTempRepo();
  packDir = await mkdtemp(join(tmpdir(), "versori-issues-api-packed-"));
  // Unbuilt, but with what `npm run docs` and an older build leave in dist/: `prepare`'s
  // build:dist must keep the docs page and remove what it no longer produces.
  expect(existsSync(join(repo.root, "dist"))).toBe(false);
  await mkdir(join(repo.root, "dist/docs"), { recursive: true });
  await mkdir(join(repo.root, "dist/types"), { recursive: true });
  await repo.write("dist/docs/index.html", DOCS_PAGE);
  await repo.write("dist/types/stale.d.ts", "export {};");
  const result = await attempt("npm", ["pack", "--json", "--pack-destination", packDir], repo.root);
  expect(result.code).toBe(0);
  // `prepare`'s own step lines come first on stdout, then npm's JSON report.
  const [report] = JSON.parse(result.stdout.slice(result.stdout.indexOf("\n[") + 1)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(packDir, report!.filename);
  packed = report!.files.map((file) => file.path).sort();
}, 120_000);
afterAll(async () => {
  await repo?.dispose();
  if (packDir) await rm(packDir, { recursive: true, force: true });
});

describe("npm pack in an unbuilt clone", () => {
  it("builds the package first, and ships its entries, declarations and CHANGELOG.md", () => {
    for (const file of [
      "dist/index.js",
      "dist/testing.js",
      "dist/mcp.js",
      "dist/mcp-cli.js",
      "dist/types.js",
      "dist/openapi.json",
      "dist/types/src/index.d.ts",
      "dist/types/src/testing/index.d.ts",
      "dist/types/generated/issues.d.ts",
      "CHANGELOG.md",
      "README.md",
      "LICENSE",
      "package.json",
    ]) {
      expect(packed).toContain(file);
    }
    // Nothing that is the repository's own business: no sources, spec, scripts or docs page.
    expect(packed.filter((file) => !file.startsWith("dist/"))).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "package.json",
    ]);
    expect(packed.some((file) => file.startsWith("dist/docs/"))).toBe(false);
  });
});

describe("the built package", () => {
  it("passes publint --strict", async () => {
    const result = await attempt(bin("publint"), ["--strict"], repo.root);
    expect(result.stdout).toContain("All good!");
    expect(result.code).toBe(0);
  });

  it("passes attw under every resolution, node10 included", async () => {
    // CommonJS consumers get the ES modules through require(), which Node 20.19+ supports.
    const result = await attempt(
      bin("attw"),
      [tarball, "--ignore-rules", "cjs-resolves-to-esm", "--format", "ascii"],
      repo.root,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // Every entry resolves, with types, under each resolution.
    const lines = result.stdout.split("\n");
    for (const resolution of ["node10", "node16 (from CJS)", "node16 (from ESM)", "bundler"]) {
      expect(lines.filter((line) => line.startsWith(`${resolution}: 🟢`))).toHaveLength(9);
    }
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
      import { createIssuesClient, IssuesApiError, IssuesError } from "versori-issues-api";
      import { startFakeIssuesServer } from "versori-issues-api/testing";
      import * as types from "versori-issues-api/types";
      import spec from "versori-issues-api/openapi.json" with { type: "json" };
      import { IssuesValidationError, validateResponses } from "versori-issues-api/validate";
      const server = await startFakeIssuesServer({ maxPageSize: 1 });
      const organisationId = "01KJPWD6M0MD8SP6RARAKC9170";
      const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });
      const fields = { environmentId: "01KJSESXM0033A0801TK9E6SS5", reason: "error", title: "t", severity: "low" };
      const created = await issues.create(fields);
      await issues.create(fields);
      const all = [];
      for await (const issue of issues.listAll()) all.push(issue.id);
      const missing = await issues.update("01M875QQ4RP11WECH4S18ARRGR", { status: "acked" }).catch((e) => e);
      const validated = (await validateResponses(issues).list()).length;
      const answering = (body) => createIssuesClient({ baseUrl: server.url, token: "t", organisationId, fetch: async () => Response.json(body) });
      const invalid = await validateResponses(answering([{ id: "x" }])).list().catch((e) => e);
      await server.close();
      console.log(JSON.stringify({
        created: created.status, all: all.length, missing: missing instanceof IssuesApiError && missing.status,
        types: Object.keys(types).length, spec: spec.info.version,
        validated, invalid: invalid instanceof IssuesValidationError && invalid instanceof IssuesError,
      }));
    `;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: repo.root });
    expect(JSON.parse(stdout)).toEqual({
      created: "open",
      all: 2,
      missing: 404,
      types: 0,
      // The packed spec is the version the package was released as.
      spec: JSON.parse(await repo.read("package.json")).version,
      validated: 1, // maxPageSize is 1
      invalid: true, // one IssuesError class, shared by the entries
    });
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

describe("npm run build:dist, as prepare ran it", () => {
  it("replaces its own outputs and leaves the docs page alone", async () => {
    expect(await repo.read("dist/docs/index.html")).toBe(DOCS_PAGE);
    expect(existsSync(join(repo.root, "dist/types/stale.d.ts"))).toBe(false);
    expect(packed).not.toContain("dist/types/stale.d.ts");
    expect(existsSync(join(repo.root, "dist/index.js"))).toBe(true);
  });
});

const CONFIGS = ["tsconfig.node10.json", "tsconfig.nodenext.json", "tsconfig.bundler.json"];
const INSTALLED = "node_modules/versori-issues-api";

/** Every file of the installed package, by its path inside the package. */
async function installedFiles(project: ConsumerProject): Promise<Map<string, Buffer>> {
  const dir = join(project.root, INSTALLED);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Map(
    await Promise.all(files.sort().map(async (file) => [relative(dir, file), await readFile(file)] as const)),
  );
}

// Both installs start as soon as the tarball exists, so that npm's work overlaps the checks.
let fromTarball: Promise<ConsumerProject>;
let fromGit: Promise<ConsumerProject>;
beforeAll(async () => {
  fromTarball = installConsumer(`file:${tarball}`, `file:${tarball}`);
  fromGit = (async () => {
    const commit = await repo.commitAll("v1.0.0");
    const url = `git+${pathToFileURL(repo.root).href}`;
    return installConsumer(`${url}#v1.0.0`, `${url}#${commit}`);
  })();
  // Settled here, so that a failed install fails the tests that use it, not the run.
  fromTarball.catch(() => {});
  fromGit.catch(() => {});
});
afterAll(async () => {
  await Promise.allSettled([fromTarball, fromGit].map(async (project) => (await project).dispose()));
});

describe("installed from the tarball", () => {
  let project: ConsumerProject;
  // Every configuration is compiled once, in one tsc process, and the results shared.
  let checked: Promise<{ code: number; stdout: string }>;

  beforeAll(async () => {
    project = await fromTarball;
    checked = attempt(bin("tsc"), ["--build", ...CONFIGS], project.root);
  }, 180_000);

  it("ships dist/ and CHANGELOG.md", async () => {
    expect((await readdir(join(project.root, INSTALLED))).sort()).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "dist",
      "package.json",
    ]);
  });

  it("the client, types-only and CommonJS consumers type-check under node10, nodenext and bundler", async () => {
    const result = await checked;
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  it("the client consumer runs against versori-issues-api/testing", async () => {
    expect((await checked).code).toBe(0);
    const { stdout } = await run(process.execPath, ["out/client.js"], { cwd: project.root });
    expect(JSON.parse(stdout)).toEqual({ created: "open", listed: 1, acked: "acked", missing: 404 });
  });

  it("the CommonJS consumer require()s the package", async () => {
    expect((await checked).code).toBe(0);
    const emitted = (await readdir(join(project.root, "out"))).filter((file) => /\.c?js$/.test(file));
    expect(emitted.sort()).toEqual(["client.js", "require.cjs", "types-only.js"]);
    const { stdout } = await run(process.execPath, ["out/require.cjs"], { cwd: project.root });
    expect(JSON.parse(stdout)).toEqual({
      createIssuesClient: "function",
      IssuesApiError: "function",
      listAll: "function",
    });
  });

  it("installs the versori-issues-fake command, which serves over HTTP", async () => {
    const result = await attempt(
      join(project.root, "node_modules/.bin/versori-issues-fake"),
      ["--help"],
      project.root,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("usage: versori-issues-fake");
  });

  it("installs the versori-issues-mcp command, which serves its tools over stdio with the SDK inside", async () => {
    const server = await startFakeIssuesServer();
    const transport = new StdioClientTransport({
      command: join(project.root, "node_modules/.bin/versori-issues-mcp"),
      env: {
        PATH: process.env.PATH!,
        VERSORI_API_KEY: server.token,
        VERSORI_ORGANISATION_ID: ORG,
        VERSORI_API_URL: server.url,
      },
    });
    const client = new Client({ name: "consumer", version: "1.0.0" });
    try {
      await client.connect(transport);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        "list_issues",
        "find_issue",
      ]);
      expect((await client.callTool({ name: "list_issues", arguments: {} })).structuredContent).toEqual({
        issues: [],
      });
    } finally {
      await client.close();
      await server.close();
    }
    // Nothing but the package and openapi-fetch was installed for it.
    expect(existsSync(join(project.root, "node_modules/@modelcontextprotocol"))).toBe(false);
  });

  it("a consumer that passes a field the API lacks fails to type-check", async () => {
    const result = await attempt(bin("tsc"), ["-p", "tsconfig.wrong.json"], project.root);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /wrong-field\.ts\(\d+,\d+\): error TS2353: .*'assignee' does not exist in type/,
    );
  });
});

describe("installed from a git URL", () => {
  // npm cloned the tag, installed its dev dependencies and ran `prepare` in the clone.
  it("gets exactly the tarball's files, so every check of the tarball's install holds for it", async () => {
    const [git, packed] = await Promise.all([fromGit, fromTarball]);
    const files = await installedFiles(git);
    expect([...files.keys()]).toContain("dist/index.js");
    expect([...files.keys()]).toContain("dist/types/generated/issues.d.ts");
    expect(files).toEqual(await installedFiles(packed));
  }, 180_000);
});
