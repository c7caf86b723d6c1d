/**
 * README's TypeScript snippets and examples/ compile against the package's sources, and a
 * problem names the place to edit: `README.md:<line>` of the offending line inside its block,
 * or `examples/<file>:<line>`. A name renamed in the spec or the client fails here, pointing at
 * the text that still uses the old one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleFiles, snippetProblems, tsBlocksOf } from "./support/snippets.ts";
import { REPO_ROOT } from "./support/temp-repo.ts";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

it("README's ts snippets and examples/ type-check, each problem at README.md:<line> or examples/<file>:<line>", () => {
  expect(tsBlocksOf(README).length).toBeGreaterThanOrEqual(8);
  expect(exampleFiles(REPO_ROOT).map(({ name }) => name)).toContain("examples/quickstart.ts");
  const problems = snippetProblems(REPO_ROOT, { name: "README.md", text: README }, exampleFiles(REPO_ROOT));
  expect(problems, `edit these places:\n${problems.join("\n")}`).toEqual([]);
});

describe("a snippet that uses a name the package no longer has", () => {
  const readme = [
    "# A README",
    "",
    "```ts",
    'const page = await issues.list({ status: "open" });',
    "// the parameter as it was called before a rename",
    "const old = await issues.list({ frist: 10 });",
    "```",
    "",
    "```sh",
    "npm test",
    "```",
    "",
    "```ts",
    "const n: number = page.length;",
    "```",
    "",
  ].join("\n");

  it("is reported at the README line of the offending code, each snippet a module of its own", () => {
    const problems = snippetProblems(REPO_ROOT, { name: "README.md", text: readme }, []);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^README\.md:6:\d+ TS\d+ .*'frist'/);
    // `page` belongs to the first snippet: the second does not see it.
    expect(problems[1]).toMatch(/^README\.md:14:\d+ TS2304 Cannot find name 'page'/);
  });
});

it("names the line of an example that uses a name the package no longer has", () => {
  const quickstart = exampleFiles(REPO_ROOT).find(({ name }) => name === "examples/quickstart.ts")!;
  const at = quickstart.text.indexOf("issues.list(");
  const broken = {
    name: "examples/quickstart.ts",
    text: quickstart.text.replace("issues.list(", "issues.lisst("),
  };
  const line = quickstart.text.slice(0, at).split("\n").length;
  expect(snippetProblems(REPO_ROOT, { name: "README.md", text: "" }, [broken])).toEqual([
    `examples/quickstart.ts:${line}:${at - quickstart.text.lastIndexOf("\n", at) + "issues.".length} TS2551 Property 'lisst' does not exist on type 'IssuesClient'. Did you mean 'list'?`,
  ]);
});
