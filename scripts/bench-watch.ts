/**
 * `npm run bench:watch`: from saving the spec to regenerated types and bundle on disk, with
 * `npm run dev` running and warm. It runs the watcher on a temp copy of the project, edits the
 * spec 20 times, and for each edit times how long until generated/issues.ts and
 * generated/openapi.json both hold the edit. Prints the median; asserts nothing.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "../tools/bench/stats.ts";
import { ROOT, SPEC_FILE } from "../tools/lib/paths.ts";
import { waitFor } from "../tools/lib/wait.ts";

const EDITS = 20;
const TARGET_MS = 150;

const dir = await mkdtemp(join(tmpdir(), "bench-watch-"));
for (const name of [
  "openapi",
  "scripts",
  "tools",
  "generated",
  "redocly.yaml",
  "package.json",
  "tsconfig.json",
]) {
  await cp(join(ROOT, name), join(dir, name), { recursive: true });
}
await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");

const dev = spawn(
  process.execPath,
  ["--import", "./tools/pipeline/preload.mjs", "--import", "tsx", "scripts/dev.ts", "--no-docs"],
  {
    cwd: dir,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
let output = "";
dev.stdout.on("data", (chunk) => (output += chunk));
const lines = () => output.split("\n").filter((line) => /^[✔✘] /.test(line)).length;
// Polled every millisecond: the figure is the time from a save to the files on disk.
const until = (done: () => boolean | Promise<boolean>, what: string) =>
  waitFor(done, what, { ms: 30_000, everyMs: 1, detail: () => output });

try {
  await until(() => lines() >= 1, "the first generation");
  const original = await readFile(join(dir, SPEC_FILE), "utf8");
  const times: number[] = [];
  // Two warm-up edits, then the measured ones.
  for (let edit = -2; edit < EDITS; edit++) {
    const marker = `Edit ${edit + 3} of the title.`;
    const before = lines();
    const start = performance.now();
    await writeFile(
      join(dir, SPEC_FILE),
      original.replace("description: The title of the issue.", `description: ${marker}`),
    );
    const holds = async (file: string) =>
      (await readFile(join(dir, "generated", file), "utf8").catch(() => "")).includes(marker);
    await until(async () => (await holds("issues.ts")) && (await holds("openapi.json")), `edit ${edit + 3}`);
    const ms = performance.now() - start;
    if (edit >= 0) times.push(ms);
    await until(() => lines() > before, "the status line");
  }
  times.sort((a, b) => a - b);
  const middle = median(times);
  console.log(
    `Watch benchmark: ${EDITS} edits of a temp copy of the spec, npm run dev warm, Node ${process.version}\n`,
  );
  console.log(
    `save → types and bundle on disk   median ${middle.toFixed(0)} ms   (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})`,
  );
  console.log(`target ≤ ${TARGET_MS} ms median`);
} finally {
  dev.kill();
  await rm(dir, { recursive: true, force: true });
}
