/**
 * `npm run bench:watch`: from saving the spec to its results, with `npm run dev` running and
 * warm on a temp copy of the project. Asserts nothing; prints medians against a baseline
 * measured in the same run: a fresh `npm run generate` process after the same kind of edit,
 * which is what an author without the watcher would run.
 *
 * 1. `npm run dev -- --no-docs`: save → generated/issues.ts and generated/openapi.json both hold
 *    the edit (20 edits).
 * 2. `npm run dev`, as README documents it (docs on): save → generated/ holds the edit, and
 *    save → dist/docs/index.html holds it, the moment the open page is told to reload (8 edits).
 */
import { spawn, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "../tools/bench/stats.ts";
import { ROOT, SPEC_FILE } from "../tools/lib/paths.ts";
import { waitFor } from "../tools/lib/wait.ts";

const NO_DOCS_EDITS = 20;
const DOCS_EDITS = 8;
const BASELINE_RUNS = 3;

const dir = await mkdtemp(join(tmpdir(), "bench-watch-"));
for (const name of [
  "openapi",
  "scripts",
  "tools",
  "generated",
  "src",
  "redocly.yaml",
  "package.json",
  "tsconfig.json",
]) {
  await cp(join(ROOT, name), join(dir, name), { recursive: true });
}
await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
const original = await readFile(join(dir, SPEC_FILE), "utf8");
let edits = 0;

/** Saves the spec with a new description of Issue.title, and returns the text it now holds. */
async function saveEdit(): Promise<string> {
  const marker = `Edit ${++edits} of the title.`;
  await writeFile(
    join(dir, SPEC_FILE),
    original.replace("description: The title of the issue.", `description: ${marker}`),
  );
  return marker;
}
const holds = async (file: string, marker: string) =>
  (await readFile(join(dir, file), "utf8").catch(() => "")).includes(marker);

/** Runs the watcher with `args`, makes `count` measured edits (after two warm-ups), and times each. */
async function watch(args: string[], count: number, docs: boolean) {
  const dev = spawn(
    process.execPath,
    ["--import", "./tools/pipeline/preload.mjs", "--import", "tsx", "scripts/dev.ts", ...args],
    { cwd: dir, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  dev.stdout.on("data", (chunk) => (output += chunk));
  const lines = () => output.split("\n").filter((line) => /^[✔✘] /.test(line)).length;
  // Polled every millisecond: the figure is the time from a save to the files on disk.
  const until = (done: () => boolean | Promise<boolean>, what: string) =>
    waitFor(done, what, { ms: 60_000, everyMs: 1, detail: () => output });
  const generated: number[] = [];
  const page: number[] = [];
  try {
    await until(() => lines() >= 1, "the first generation");
    for (let edit = -2; edit < count; edit++) {
      const before = lines();
      const start = performance.now();
      const marker = await saveEdit();
      await until(
        async () =>
          (await holds("generated/issues.ts", marker)) && (await holds("generated/openapi.json", marker)),
        `edit ${edits} in generated/`,
      );
      const toGenerated = performance.now() - start;
      if (docs) await until(() => holds("dist/docs/index.html", marker), `edit ${edits} in the docs`);
      const toPage = performance.now() - start;
      if (edit >= 0) {
        generated.push(toGenerated);
        page.push(toPage);
      }
      await until(() => lines() > before, "the status line");
    }
  } finally {
    dev.kill();
  }
  return { generated, page };
}

const range = (times: number[]) =>
  `median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`;

try {
  console.log(`Watch benchmark on Node ${process.version}, a temp copy of the project\n`);
  const generate = (
    await readFile(join(ROOT, "package.json"), "utf8").then(JSON.parse)
  ).scripts.generate.split(/\s+/);
  const baseline: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) {
    await saveEdit();
    const start = performance.now();
    spawnSync(process.execPath, generate.slice(1), {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    });
    baseline.push(performance.now() - start);
  }
  console.log(`baseline: a fresh npm run generate after an edit      ${range(baseline)}`);

  const noDocs = await watch(["--no-docs"], NO_DOCS_EDITS, false);
  console.log(
    `npm run dev -- --no-docs: save → generated/           ${range(noDocs.generated)}   ` +
      `${(median(noDocs.generated) / median(baseline)).toFixed(2)}× the baseline   (target ≤ 150 ms)`,
  );
  const withDocs = await watch(["--port", "0"], DOCS_EDITS, true);
  console.log(
    `npm run dev: save → generated/                        ${range(withDocs.generated)}   (target ≤ 150 ms)`,
  );
  console.log(
    `npm run dev: save → docs page rebuilt (reload sent)   ${range(withDocs.page)}   (target ≤ 500 ms)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
