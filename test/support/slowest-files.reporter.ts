/**
 * A vitest reporter that prints the five slowest test files at the end of a run, so that a file
 * that grows slow shows in every run, not only when someone measures.
 */
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const SHOWN = 5;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length === 0) return;
    // A file's duration: its tests and hooks, as vitest accumulates them.
    const timed = modules
      .map((module) => ({ file: relative(process.cwd(), module.moduleId), ms: module.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    const lines = timed.map(({ file, ms }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}`);
    console.log(`\nSlowest ${timed.length} test files:\n${lines.join("\n")}\n`);
  }
}
