/**
 * `npm run bench:watch`: from saving the spec to its results, with `npm run dev` running and
 * warm on a temp copy of the project. It asserts nothing; it prints medians against baselines
 * measured in the same run, each what an author without the watcher would run:
 *
 * 1. `npm run dev -- --no-docs`: save → generated/issues.ts and generated/openapi.json both hold
 *    the edit; against a fresh `npm run generate` after the same kind of edit.
 * 2. `npm run dev`, as CONTRIBUTING's "Watch mode" documents it, with its page open in Chromium at an operation and
 *    scrolled to the edited text: save → generated/ holds the edit, and save → the new text on
 *    screen in the open page, which must keep its scroll position and route and not reload.
 *    Against `npm run generate`, `npm run docs` and a reload of the open static page.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchLocalChromium } from "../lib/chromium.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { copyRepository } from "../lib/temp-copy.ts";
import { waitFor } from "../lib/wait.ts";
import { serveDocs } from "../docs/serve.ts";
import { Reader } from "./reader.ts";
import { median } from "./stats.ts";

export interface WatchBenchmarkOptions {
  /** Measured saves with `--no-docs`, and with the docs page open (each after two warm-ups). */
  noDocsEdits: number;
  docsEdits: number;
  /** Runs of each baseline. */
  baselineRuns: number;
  /** The Chromium to open the page in. */
  chromium: string;
}

/** How far the scroll position may move and still count as kept, in CSS pixels. */
const KEPT_PX = 2;
const env = { ...process.env, REDOCLY_TELEMETRY: "off", FORCE_COLOR: "0" };

const range = (times: number[]) =>
  `median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`;
const line = (what: string, figures: string) => console.log(`${what.padEnd(62)} ${figures}`);

export async function benchmarkWatch(options: WatchBenchmarkOptions): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-watch-"));
  let browser: Browser | undefined;
  try {
    await copyRepository(ROOT, dir);
    const project = new Project(dir, await readFile(join(dir, SPEC_FILE), "utf8"));
    console.log(`Watch benchmark on Node ${process.version}, a temp copy of the project\n`);

    const generate: number[] = [];
    for (let run = 0; run < options.baselineRuns; run++) {
      await project.saveEdit();
      const start = performance.now();
      await project.run("generate");
      generate.push(performance.now() - start);
    }
    line("baseline: a fresh npm run generate after an edit", range(generate));

    const noDocs = await watchGenerated(project, options.noDocsEdits);
    line(
      "npm run dev -- --no-docs: save → generated/",
      `${range(noDocs)}   ${(median(noDocs) / median(generate)).toFixed(2)}× the baseline   (target ≤ 150 ms)`,
    );

    browser = await launchLocalChromium(options.chromium);
    const page = await pageBaseline(project, browser, options.baselineRuns);
    line(
      "baseline: npm run generate, npm run docs, reload the page",
      `${range(page.times)}   scroll kept in ${page.kept} of ${page.times.length}`,
    );
    const live = await watchPage(project, browser, options.docsEdits);
    line("npm run dev: save → generated/", `${range(live.generated)}   (target ≤ 150 ms)`);
    line(
      "npm run dev: save → new text on screen in the open page",
      `${range(live.page)}   ${(median(live.page) / median(page.times)).toFixed(2)}× the baseline   (target ≤ 400 ms)`,
    );
    const n = live.page.length;
    line(
      "npm run dev: the open page after each save",
      `scroll kept in ${live.kept} of ${n} (largest move ${live.largestMove.toFixed(0)} px), ` +
        `route kept in ${live.routeKept} of ${n}, reloaded ${live.reloads} times`,
    );
  } finally {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The temp copy: its spec, edited one way after another, and its commands. */
class Project {
  private edits = 0;
  /** The description of Issue.title that the spec holds now. */
  current = "The title of the issue.";
  constructor(
    readonly dir: string,
    private readonly original: string,
  ) {}

  /** Saves the spec with a new description of Issue.title, and resolves with the text it now holds. */
  async saveEdit(): Promise<string> {
    const marker = `Edit ${++this.edits} of the title.`;
    const edited = this.original.replace("description: The title of the issue.", `description: ${marker}`);
    await writeFile(join(this.dir, SPEC_FILE), edited);
    this.current = marker;
    return marker;
  }

  async holds(file: string, marker: string): Promise<boolean> {
    return (await readFile(join(this.dir, file), "utf8").catch(() => "")).includes(marker);
  }

  async generated(marker: string): Promise<boolean> {
    return (await this.holds("generated/issues.ts", marker)) && this.holds("generated/openapi.json", marker);
  }

  /** Runs `npm run <script>` as package.json has it, without npm's own process. */
  async run(script: string): Promise<void> {
    const pkg = JSON.parse(await readFile(join(this.dir, "package.json"), "utf8"));
    const [, ...args] = (pkg.scripts[script] as string).split(/\s+/);
    const result = spawnSync(process.execPath, args, { cwd: this.dir, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}${result.stderr}`);
  }

  /** `npm run dev -- <args>`, and a way to wait on what it prints. */
  dev(...args: string[]): Watcher {
    return new Watcher(
      spawn(process.execPath, ["tools/launch/run.mjs", "dev", ...args], { cwd: this.dir, env }),
    );
  }
}

class Watcher {
  output = "";
  constructor(readonly process: ChildProcess) {
    process.stdout!.on("data", (chunk) => (this.output += chunk));
    process.stderr!.on("data", (chunk) => (this.output += chunk));
  }
  statusLines(): number {
    return this.output.split("\n").filter((text) => /^[✔✘] /.test(text)).length;
  }
  /** Polled every millisecond: the figures are times from a save to its results. */
  until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
    return waitFor(done, what, { ms: 60_000, everyMs: 1, detail: () => this.output });
  }
}

/** `npm run dev -- --no-docs`: save → generated/, for each of `count` saves after two warm-ups. */
async function watchGenerated(project: Project, count: number): Promise<number[]> {
  const dev = project.dev("--no-docs", "--port", "0");
  const times: number[] = [];
  try {
    await dev.until(() => dev.statusLines() >= 1, "the first generation");
    for (let edit = -2; edit < count; edit++) {
      const before = dev.statusLines();
      const start = performance.now();
      const marker = await project.saveEdit();
      await dev.until(() => project.generated(marker), `edit ${marker} in generated/`);
      if (edit >= 0) times.push(performance.now() - start);
      await dev.until(() => dev.statusLines() > before, "the status line");
    }
  } finally {
    dev.process.kill();
  }
  return times;
}

/**
 * Without the watcher: after a save, `npm run generate` and `npm run docs`, then a reload of
 * the open static page, until the reloaded page shows the new text.
 */
async function pageBaseline(project: Project, browser: Browser, runs: number) {
  await project.run("generate");
  await project.run("docs");
  const server = createServer(serveDocs(join(project.dir, "dist/docs")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const reader = await Reader.open(
    browser,
    `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
  );
  const times: number[] = [];
  let kept = 0;
  try {
    await reader.showListIssues();
    await reader.scrollTo(project.current);
    for (let run = 0; run < runs; run++) {
      const before = await reader.place();
      const start = performance.now();
      const marker = await project.saveEdit();
      await project.run("generate");
      await project.run("docs");
      await reader.page.reload();
      await reader.page.getByText(marker).first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - start);
      await reader.page.waitForLoadState("load");
      const after = await reader.place();
      if (Math.abs(after.scroll - before.scroll) <= KEPT_PX) kept++;
      // The next run starts where a reader would be: at the new text again.
      await reader.scrollTo(marker);
    }
  } finally {
    await reader.page.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { times, kept };
}

/**
 * `npm run dev` with its page open at List issues, scrolled to the edited text: for each of
 * `count` saves after two warm-ups, save → generated/ and save → the new text on screen, and
 * what became of the reader's place once the page let go of it.
 */
async function watchPage(project: Project, browser: Browser, count: number) {
  const dev = project.dev("--port", "0");
  const generated: number[] = [];
  const page: number[] = [];
  let kept = 0;
  let routeKept = 0;
  let reloads = 0;
  let largestMove = 0;
  try {
    await dev.until(() => /docs on http:\/\/127\.0\.0\.1:\d+\//.test(dev.output), "the docs server");
    const url = /docs on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(dev.output)![1]!;
    const reader = await Reader.open(browser, url);
    await reader.showListIssues();
    await reader.scrollTo(project.current);
    await reader.mark();
    for (let edit = -2; edit < count; edit++) {
      const before = await reader.place();
      const status = dev.statusLines();
      const updated = await reader.nextUpdate();
      const start = performance.now();
      const marker = await project.saveEdit();
      const onScreen = reader.untilOnScreen(marker, start);
      await dev.until(() => project.generated(marker), `edit ${marker} in generated/`);
      const toGenerated = performance.now() - start;
      const toPage = await onScreen;
      await updated();
      await dev.until(() => dev.statusLines() > status, "the status line");
      if (edit < 0) continue;
      generated.push(toGenerated);
      page.push(toPage);
      const after = await reader.place();
      const move = Math.abs(after.scroll - before.scroll);
      largestMove = Math.max(largestMove, move);
      if (move <= KEPT_PX) kept++;
      if (after.url === before.url) routeKept++;
      if (await reader.reloaded()) reloads++;
    }
  } finally {
    dev.process.kill();
  }
  return { generated, page, kept, routeKept, reloads, largestMove };
}
