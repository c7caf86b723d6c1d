/**
 * `buildDocs` all or nothing: a spec the page cannot be made from leaves the docs folder exactly
 * as the last good build left it, the spec downloads included, and says what to fix.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildDocs } from "../../tools/docs/docs.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

let dir: string;
let spec: string;

/** Every file of the folder, by name, with its content. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder)).toSorted();
  const files = await Promise.all(names.map((name) => readFile(join(folder, name), "utf8")));
  return Object.fromEntries(names.map((name, index) => [name, files[index]!]));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "versori-issues-build-docs-"));
  spec = await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8");
  await buildDocs(dir, spec);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("leaves the folder as it was when an operation has no example for its samples, naming it", async () => {
  const before = await snapshot(dir);
  const broken = JSON.parse(spec);
  broken.info.version = "9.9.9";
  delete broken.components.parameters.IssueId.example;
  await expect(buildDocs(dir, JSON.stringify(broken))).rejects.toThrow(
    "UpdateIssue: path parameter issue_id has no example: add one in openapi/issues.yaml",
  );
  expect(await snapshot(dir)).toEqual(before);
});
