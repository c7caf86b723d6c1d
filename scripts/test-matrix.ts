/**
 * `npm run test:matrix`: README's test command on the other supported Node versions. Their
 * binaries come from the npm registry's `node` package (npx -y node@N), and each run puts its
 * Node first on PATH, so that npm and every script it starts run on that version.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { runMain } from "../tools/lib/command.ts";
import { ROOT } from "../tools/lib/paths.ts";

const VERSIONS = (process.env.NODE_VERSIONS ?? "22 24").split(/\s+/).filter(Boolean);

runMain(async () => {
  const results: string[] = [];
  let failed = 0;
  for (const major of VERSIONS) {
    const node = execFileSync("npx", ["-y", `node@${major}`, "-p", "process.execPath"], {
      encoding: "utf8",
    }).trim();
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    console.log(`\n=== npm test on Node ${version} (${node})\n`);
    const start = performance.now();
    const run = spawnSync("npm", ["test"], {
      cwd: ROOT,
      stdio: "inherit",
      // TEST_MATRIX_NODE tells the suite it is a repeat on another Node: vitest.config.ts then
      // leaves out the release tooling's tests, which behave the same on every Node.
      env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, TEST_MATRIX_NODE: major },
    });
    const seconds = ((performance.now() - start) / 1000).toFixed(0);
    if (run.status !== 0) failed++;
    results.push(
      `Node ${version.padEnd(9)} ${run.status === 0 ? "passed" : `FAILED (exit ${run.status})`} in ${seconds} s`,
    );
  }
  console.log(`\n${results.join("\n")}`);
  return failed === 0 ? 0 : 1;
});
