/**
 * The alias-bomb guard, in-process on files in a temp folder. It skips its full parse when a
 * file cannot define an anchor, so these cases put anchors everywhere YAML allows one to start.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { refuseAliasBombs } from "../../tools/pipeline/yaml-guard.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "yaml-guard-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes `text` to a file and resolves with the guard's refusal lines, or [] when it lets it pass. */
async function guard(text: string): Promise<string[]> {
  const file = `case-${Math.random().toString(36).slice(2)}.yaml`;
  await writeFile(join(dir, file), text);
  try {
    await refuseAliasBombs(dir, file);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    return (error as PipelineError).lines.map((line) => line.replace(file, "FILE"));
  }
}

/** Ten levels of ten aliases, each level written by `level(anchor, previous)`. */
const bomb = (level: (anchor: string, previous: string) => string) =>
  Array.from({ length: 10 }, (_, n) => level(`a${n}`, `a${n - 1}`)).join("\n");
const tenAliases = (previous: string, separator: string) =>
  Array(10)
    .fill(previous === "a-1" ? "x" : `*${previous}`)
    .join(separator);

describe("refuseAliasBombs", () => {
  it.each([
    ["block style, anchor after a space", bomb((a, p) => `${a}: &${a} [${tenAliases(p, ", ")}]`)],
    ["anchor after a tab", bomb((a, p) => `${a}:\t&${a} [${tenAliases(p, ", ")}]`)],
    [
      "flow style with no spaces",
      `[${bomb((a, p) => `&${a} [${tenAliases(p, ",")}]`).replaceAll("\n", ",")}]`,
    ],
    [
      "anchor after a quoted key's colon",
      bomb((a, p) => `"${a}":&${a} [${tenAliases(p, ",")}]`)
        .split("\n")
        .join(", ")
        .replace(/^/, "{")
        .concat("}"),
    ],
    [
      "anchor right after a verbatim tag, which only Redocly's parser reads",
      bomb((a, p) => `${a}: !<tag:yaml.org,2002:seq>&${a} [${tenAliases(p, ", ")}]`),
    ],
    ["anchor at the start of a line", `[\n${bomb((a, p) => `&${a} [${tenAliases(p, ",")}],`)}\n]`],
  ])("refuses a bomb written as %s, at the first alias", async (_, text) => {
    const lines = await guard(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^FILE:\d+:\d+ yaml-aliases its aliases expand to more than 100 copies/);
  });

  it("lets a file through whose ampersands are prose, URLs or a few aliases", async () => {
    const text = [
      "description: R&D and Q & A, from https://example.test/?a=1&b=2",
      "quoted: '&not-an-anchor'",
      "shared: &shared { type: string }",
      "copies: [*shared, *shared]",
    ].join("\n");
    expect(await guard(text)).toEqual([]);
  });
});
