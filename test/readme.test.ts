/**
 * README stays true: every TypeScript snippet in it type-checks against the package's sources,
 * each as a module of its own. A snippet that uses `issues` without creating it gets a
 * declared client, as the text around it assumes.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCommand } from "./support/run.ts";
import { REPO_ROOT } from "./support/temp-repo.ts";

it("every ```ts snippet in README.md type-checks", async () => {
  const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  const snippets = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
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
        return writeFile(join(dir, `snippet-${i}.ts`), `${preamble.join("\n")}\n${code}`);
      }),
    );
    const result = await runCommand(join(REPO_ROOT, "node_modules/.bin/tsc"), ["-p", dir]);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
