/**
 * The project's documents stay true: README.md (for consumers), CONTRIBUTING.md (for people who
 * change the project) and PERFORMANCE.md (the benchmarks' figures).
 *
 * - Every TypeScript snippet in README type-checks against the package's sources, each as a
 *   module of its own. A snippet that uses `issues` without creating it gets a declared client,
 *   as the text around it assumes.
 * - README's Quick start is two commands after cloning, the ones scripts/test-fresh.sh runs.
 * - Every link between the documents reaches a file, and a heading when it names one; every
 *   `npm run <script>` they mention is a script of package.json; every repository path they
 *   name exists.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "./support/run.ts";
import { REPO_ROOT } from "./support/temp-repo.ts";

const DOCUMENTS = ["README.md", "CONTRIBUTING.md", "PERFORMANCE.md"] as const;

const read = (file: string) => readFile(join(REPO_ROOT, file), "utf8");

/** A Markdown document split into its prose (fenced code blocks left out) and its code blocks. */
interface Parsed {
  prose: string[];
  blocks: { info: string; code: string }[];
}

function parse(text: string): Parsed {
  const parsed: Parsed = { prose: [], blocks: [] };
  let open: { info: string; lines: string[] } | undefined;
  for (const line of text.split("\n")) {
    if (open === undefined && line.startsWith("```")) {
      open = { info: line.slice(3).trim(), lines: [] };
    } else if (open !== undefined && line === "```") {
      parsed.blocks.push({ info: open.info, code: open.lines.join("\n") });
      open = undefined;
    } else if (open !== undefined) {
      open.lines.push(line);
    } else {
      parsed.prose.push(line);
    }
  }
  return parsed;
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(parsed: Parsed): Set<string> {
  const anchors = new Set<string>();
  for (const line of parsed.prose) {
    const heading = /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** The relative link targets in a document's prose: `#anchor`, `FILE` or `FILE#anchor`. */
function linksOf(parsed: Parsed): string[] {
  const withoutCode = parsed.prose.join("\n").replace(/`[^`\n]*`/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((found) => found[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe.each(DOCUMENTS)("%s", (file) => {
  it("links only to files and headings that exist", async () => {
    const parsed = parse(await read(file));
    const broken: string[] = [];
    for (const link of linksOf(parsed)) {
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? file : path;
      if (!existsSync(join(REPO_ROOT, target))) {
        broken.push(`${link}: ${target} does not exist`);
      } else if (anchor !== undefined && target.endsWith(".md")) {
        const anchors = anchorsOf(target === file ? parsed : parse(await read(target)));
        if (!anchors.has(anchor)) broken.push(`${link}: ${target} has no heading #${anchor}`);
      }
    }
    expect(broken, `${file} has links that lead nowhere`).toEqual([]);
  });

  it("names only npm scripts that package.json has", async () => {
    const { scripts } = JSON.parse(await read("package.json")) as { scripts: Record<string, string> };
    const named = [...(await read(file)).matchAll(/\bnpm run ([\w:-]+)/g)].map((found) =>
      found[1]!.replace(/:+$/, ""),
    );
    expect(
      named.filter((name) => !(name in scripts)),
      `${file} names npm scripts that package.json lacks`,
    ).toEqual([]);
  });

  it("names only repository paths that exist", async () => {
    const text = await read(file);
    const paths = [
      ...text.matchAll(
        /(?<=^|[\s`(])((?:src|tools|test|scripts|openapi|examples|generated|\.github|\.ci)\/[^\s`),]*)/gm,
      ),
    ]
      .map((found) => found[1]!.replace(/(:\d+)+$/, "").replace(/[.:;]+$/, ""))
      .filter((path) => !/[<*{]/.test(path));
    const missing = [...new Set(paths)].filter((path) => !existsSync(join(REPO_ROOT, path)));
    expect(missing, `${file} names paths that do not exist`).toEqual([]);
  });
});

it("README links to CONTRIBUTING.md and PERFORMANCE.md", async () => {
  const links = linksOf(parse(await read("README.md"))).map((link) => link.split("#")[0]);
  expect(links).toContain("CONTRIBUTING.md");
  expect(links).toContain("PERFORMANCE.md");
});

it("README's Quick start is the two commands after cloning that scripts/test-fresh.sh runs", async () => {
  const readme = await read("README.md");
  const section = readme.slice(readme.indexOf("\n## Quick start\n"));
  const block = parse(section).blocks.find((found) => found.info === "sh");
  const commands = block?.code.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
  expect(commands?.[0]).toMatch(/^git clone /);
  expect(commands?.slice(1)).toEqual(["npm ci && npm run build", "npm test"]);

  // test-fresh.sh runs the first as two lines, so that `set -e` stops at either.
  const script = (await read("scripts/test-fresh.sh")).split("\n").map((line) => line.trim());
  expect(script).toContain("npm ci");
  expect(script).toContain("npm run build");
  expect(script.some((line) => /^("\$\{offline\[@\]\}" )?npm test$/.test(line))).toBe(true);
});

it("every ```ts snippet in README.md type-checks", async () => {
  const snippets = parse(await read("README.md"))
    .blocks.filter((block) => block.info === "ts")
    .map((block) => block.code);
  expect(snippets.length).toBeGreaterThanOrEqual(8);

  // Inside the repository, so that tsconfig.json's paths and node_modules resolve.
  const dir = await mkdtemp(join(REPO_ROOT, ".readme-snippets-"));
  try {
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", include: ["*.ts"] }),
    );
    await Promise.all(
      snippets.map((code, i) => {
        const preamble = [
          /import\s*\{[^}]*\bcreateIssuesClient\b/.test(code) || !/\bcreateIssuesClient\(/.test(code)
            ? ""
            : 'import { createIssuesClient } from "versori-issues-api";',
          /\bconst issues\b/.test(code)
            ? ""
            : 'import type { IssuesClient } from "versori-issues-api";\ndeclare const issues: IssuesClient;',
          "export {};",
        ];
        return writeFile(join(dir, `snippet-${i}.ts`), `${preamble.join("\n")}\n${code}\n`);
      }),
    );
    const result = await runCommand(join(REPO_ROOT, "node_modules/.bin/tsc"), ["-p", dir]);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
