/**
 * `npm run bench:pipeline`: how fast the spec's authors get feedback.
 *
 * 1. Side by side, alternating: the process that `npm run check` runs, against the naive chain
 *    of separate CLI calls (redocly lint, openapi-typescript, redocly bundle) on the same spec.
 * 2. Scale: check time on synthetic specs with 100 and 1,000 operations.
 *
 * Prints medians; it asserts nothing, because shared machines are noisy.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { median } from "../tools/bench/stats.ts";
import { ROOT, SPEC_FILE } from "../tools/lib/paths.ts";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", FORCE_COLOR: "0" };

/** The argv of `npm run <script>`, without npm: `node` becomes this very Node binary. */
async function scriptCommand(script: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  const argv = (pkg.scripts[script] as string).split(/\s+/);
  if (argv[0] !== "node")
    throw new Error(`expected the ${script} script to start with node: ${argv.join(" ")}`);
  return [process.execPath, ...argv.slice(1)];
}

/** Runs each command once and returns its wall time in milliseconds; a failure stops the bench. */
function time(commands: string[][], cwd: string): number {
  const start = performance.now();
  for (const [file, ...args] of commands) {
    const result = spawnSync(file!, args, { cwd, env, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(
        `${[file, ...args].join(" ")} exited ${result.status}:\n${result.stderr}${result.stdout}`,
      );
    }
  }
  return performance.now() - start;
}

const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);

/** A copy of the project whose spec has `operations` operations, each on its own path. */
async function syntheticProject(operations: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-pipeline-${operations}-`));
  for (const name of ["openapi", "scripts", "tools", "redocly.yaml", "package.json", "tsconfig.json"]) {
    await cp(join(ROOT, name), join(dir, name), { recursive: true });
  }
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");

  const spec = parse(await readFile(join(ROOT, SPEC_FILE), "utf8"));
  const list = spec.paths["/o/{organisation_id}/issues"];
  const item = spec.paths["/o/{organisation_id}/issues/{issue_id}"];
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < operations; i++) {
    const base = `/o/{organisation_id}/queue-${i}/issues`;
    const kind = i % 3;
    const [path, template, method] =
      kind === 0
        ? [base, list, "get"]
        : kind === 1
          ? [base, list, "post"]
          : [`${base}/{issue_id}`, item, "patch"];
    const operation = { ...template[method], operationId: `${template[method].operationId}${i}` };
    paths[path] = { ...(paths[path] as object), parameters: template.parameters, [method]: operation };
  }
  spec.paths = paths;
  await writeFile(join(dir, SPEC_FILE), stringify(spec));
  time([await scriptCommand("generate")], dir);
  return dir;
}

const check = await scriptCommand("check");
const out = await mkdtemp(join(tmpdir(), "bench-pipeline-out-"));
const naive = [
  [bin("redocly"), "lint", SPEC_FILE],
  [
    bin("openapi-typescript"),
    SPEC_FILE,
    "-o",
    join(out, "issues.ts"),
    "--alphabetize",
    "--root-types",
    "--root-types-no-schema-prefix",
  ],
  [bin("redocly"), "bundle", SPEC_FILE, "-o", join(out, "openapi.json")],
];

console.log(`Pipeline benchmark: ${RUNS} runs each, alternating, on Node ${process.version}\n`);
time([check], ROOT); // warm the file system cache for both sides
time(naive, ROOT);
const checkTimes: number[] = [];
const naiveTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  checkTimes.push(time([check], ROOT));
  naiveTimes.push(time(naive, ROOT));
}
const ratio = median(checkTimes) / median(naiveTimes);
console.log(`npm run check (one process)           median ${ms(median(checkTimes))}`);
console.log(`naive chain (lint, types, bundle CLIs) median ${ms(median(naiveTimes))}`);
console.log(`ratio                                  ${ratio.toFixed(2)}×   (target ≤ 0.60×)\n`);

// Every check pays a fixed start-up cost, so growth is judged on the time above the real
// spec's: with linear growth, each operation costs the same at 1,000 as at 100.
const base = median(checkTimes);
const scale = new Map<number, number>();
for (const operations of [100, 1000]) {
  const dir = await syntheticProject(operations);
  try {
    const times = Array.from({ length: RUNS }, () => time([check], dir));
    scale.set(operations, median(times));
    console.log(`check, ${String(operations).padStart(5)} operations        median ${ms(median(times))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
// The real spec has 3 operations: the cost of each operation above it, at 100 and at 1,000.
const perOperation = (operations: number) => (scale.get(operations)! - base) / (operations - 3);
const growth = perOperation(1000) / perOperation(100);
console.log(
  `per operation above start-up           ${perOperation(100).toFixed(2)} ms at 100, ` +
    `${perOperation(1000).toFixed(2)} ms at 1,000: ${growth.toFixed(2)}×` +
    `   (target: 1,000 in ≤ 3000 ms; ≤ 1× is linear or better)`,
);
await rm(out, { recursive: true, force: true });
