/**
 * `npm run bench:pipeline`: how fast the spec's authors get feedback, measured against a
 * baseline in the same run. It asserts nothing, because shared machines are noisy.
 *
 * 1. Start-up: the process that `npm run check` runs, against the naive chain of separate CLI
 *    calls on the same spec (redocly lint, openapi-typescript, redocly bundle), alternating.
 * 2. Scale: `check` on synthetic specs (in temp copies of the repository): wall time, and the
 *    CPU time of the process and its threads. Growth is judged on the marginal CPU per
 *    operation between sizes, which start-up costs do not distort.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { copyRepository } from "../lib/temp-copy.ts";
import { median } from "./stats.ts";

export interface PipelineBenchmarkOptions {
  /** Runs per measurement (the largest size gets at most 3). */
  runs: number;
  /** The sizes of the synthetic specs, in operations. */
  sizes: number[];
}

const CPU_FILE = join(tmpdir(), `bench-pipeline-cpu-${process.pid}`);
const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
// Every Node process a measurement starts adds its CPU time to CPU_FILE as it exits.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  FORCE_COLOR: "0",
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS ?? ""} --import=${join(ROOT, "tools/bench/cpu-usage.mjs")}`.trim(),
  BENCH_CPU_FILE: CPU_FILE,
};

/** The argv of `npm run <script>`, without npm: `node` becomes this very Node binary. */
async function scriptCommand(script: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  const argv = (pkg.scripts[script] as string).split(/\s+/);
  if (argv[0] !== "node")
    throw new Error(`expected the ${script} script to start with node: ${argv.join(" ")}`);
  return [process.execPath, ...argv.slice(1)];
}

interface Measurement {
  wallMs: number;
  cpuMs: number;
}

/** Runs the commands one after another; their wall time, and the CPU time of every Node process. */
async function measure(commands: string[][], cwd: string): Promise<Measurement> {
  await writeFile(CPU_FILE, "");
  const start = performance.now();
  for (const [file, ...args] of commands) {
    const result = spawnSync(file!, args, { cwd, env, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(
        `${[file, ...args].join(" ")} exited ${result.status}:\n${result.stderr}${result.stdout}`,
      );
    }
  }
  const wallMs = performance.now() - start;
  const cpuMs = (await readFile(CPU_FILE, "utf8"))
    .split("\n")
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line), 0);
  return { wallMs, cpuMs };
}

const medians = (runs: Measurement[]): Measurement => ({
  wallMs: median(runs.map((run) => run.wallMs)),
  cpuMs: median(runs.map((run) => run.cpuMs)),
});
const ms = (value: number) => `${Math.round(value)} ms`.padStart(9);

/** A copy of the project whose spec has `operations` operations, each on its own path. */
async function syntheticProject(operations: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-pipeline-${operations}-`));
  await copyRepository(ROOT, dir);

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
  // Written out in full: the pipeline refuses YAML whose aliases expand too far.
  await writeFile(join(dir, SPEC_FILE), stringify(spec, { aliasDuplicateObjects: false }));
  await measure([await scriptCommand("generate")], dir);
  return dir;
}

/** Prints both parts of the benchmark; asserts nothing. */
export async function benchmarkPipeline({
  runs: RUNS,
  sizes: SIZES,
}: PipelineBenchmarkOptions): Promise<void> {
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

  try {
    console.log(`Pipeline benchmark on Node ${process.version}: medians of ${RUNS} runs\n`);
    console.log("1. npm run check against the naive chain of three CLIs, on the real spec, alternating");
    await measure([check], ROOT); // warm the file system cache for both sides
    await measure(naive, ROOT);
    const checkRuns: Measurement[] = [];
    const naiveRuns: Measurement[] = [];
    for (let run = 0; run < RUNS; run++) {
      checkRuns.push(await measure([check], ROOT));
      naiveRuns.push(await measure(naive, ROOT));
    }
    const [ours, baseline] = [medians(checkRuns), medians(naiveRuns)];
    const target = process.versions.node.startsWith("20.") ? "≤ 0.40×" : "≤ 0.35×";
    console.log(`   npm run check            wall ${ms(ours.wallMs)}   CPU ${ms(ours.cpuMs)}`);
    console.log(`   naive chain (baseline)   wall ${ms(baseline.wallMs)}   CPU ${ms(baseline.cpuMs)}`);
    console.log(
      `   ratio                    wall ${(ours.wallMs / baseline.wallMs).toFixed(2)}×` +
        `      CPU ${(ours.cpuMs / baseline.cpuMs).toFixed(2)}×   (target: wall ${target})\n`,
    );

    console.log("2. npm run check on synthetic specs");
    const scale = new Map<number, Measurement>();
    for (const operations of SIZES) {
      const dir = await syntheticProject(operations);
      try {
        const runs = operations >= 5000 ? Math.min(RUNS, 3) : RUNS;
        const runsMeasured: Measurement[] = [];
        for (let run = 0; run < runs; run++) runsMeasured.push(await measure([check], dir));
        const result = medians(runsMeasured);
        scale.set(operations, result);
        const wallTarget =
          operations === 1000 ? "   (target ≤ 3000 ms)" : operations === 5000 ? "   (target ≤ 15000 ms)" : "";
        console.log(
          `   ${String(operations).padStart(5)} operations   wall ${ms(result.wallMs)}   CPU ${ms(result.cpuMs)}${wallTarget}`,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    // The CPU that each operation adds between one size and the next: start-up cancels out.
    const marginals: number[] = [];
    for (let i = 1; i < SIZES.length; i++) {
      const [smaller, larger] = [SIZES[i - 1]!, SIZES[i]!];
      const marginal = (scale.get(larger)!.cpuMs - scale.get(smaller)!.cpuMs) / (larger - smaller);
      marginals.push(marginal);
      console.log(`   marginal CPU per operation, ${smaller} → ${larger}: ${marginal.toFixed(2)} ms`);
    }
    if (marginals.length >= 2) {
      const growth = marginals.at(-1)! / marginals.at(-2)!;
      console.log(`   growth of the marginal cost: ${growth.toFixed(2)}×   (target ≤ 1.2×; 1× is linear)`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(CPU_FILE, { force: true });
  }
}
