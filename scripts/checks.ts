/**
 * `npm test`'s first stage: the drift gate, the breaking-change gate, the type check, the linter
 * and the formatting check, side by side. Every one runs to its end; each one's whole output is
 * printed under its name as it ends, then a summary of all, in the order below, and the run exits
 * 1 when any failed. `node tools/launch/run.mjs checks lint:code format:check` runs only those;
 * `--list` prints the names. Ctrl-C or SIGTERM stops every check.
 */
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { ROOT } from "../tools/lib/paths.ts";
import { runScripts, type ScriptRun, scriptCommands } from "../tools/lib/run-scripts.ts";

/** The package.json scripts that `npm test` runs before the test suite. */
const CHECKS = ["check", "check:breaking", "typecheck", "lint:code", "format:check"];
const RULE_WIDTH = 72;
/** The exit code of a process ended by each signal the run stops on: 128 and the signal's number. */
const STOPPED_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

runMain(async () => {
  const asked = process.argv.slice(2);
  if (asked.includes("--list")) {
    for (const name of CHECKS) console.log(name);
    return 0;
  }
  const names = asked.length > 0 ? asked : CHECKS;
  const commands = await scriptCommands(ROOT, names);
  const missing = names.filter((name) => !commands.has(name));
  if (missing.length > 0) {
    throw new PipelineError(missing.map((name) => `checks: package.json has no script "${name}"`));
  }

  const stopping = new AbortController();
  for (const signal of Object.keys(STOPPED_CODE) as (keyof typeof STOPPED_CODE)[]) {
    process.once(signal, () => stopping.abort(signal));
  }
  const runs = await runScripts(ROOT, commands, { stop: stopping.signal, onEnd: printBlock });

  if (stopping.signal.aborted) {
    const signal = stopping.signal.reason as keyof typeof STOPPED_CODE;
    const unfinished = runs.filter((run) => run.signal !== null).map((run) => run.name);
    const which = unfinished.length > 0 ? `; ${unfinished.join(", ")} did not finish` : "";
    console.error(`checks: stopped by ${signal}${which}`);
    return STOPPED_CODE[signal];
  }
  printSummary(runs);
  return runs.some(failed) ? 1 : 0;
});

const failed = (run: ScriptRun) => run.code !== 0;

/** `── name ── passed in 1.2 s ──────`, then the check's output as it printed it. */
function printBlock(run: ScriptRun): void {
  const outcome = failed(run) ? `failed (${endOf(run)})` : "passed";
  console.log(rule(`── ${run.name} ── ${outcome} in ${seconds(run)} `));
  const output = run.output.trimEnd();
  console.log(output === "" ? "(no output)" : output);
  console.log("");
}

/** One line per check, in the order they were named, then how many failed and which. */
function printSummary(runs: ScriptRun[]): void {
  console.log(rule("── summary "));
  const width = Math.max(...runs.map((run) => run.name.length));
  for (const run of runs) {
    const line = `${failed(run) ? "✘" : "✔"} ${run.name.padEnd(width)}  ${seconds(run).padStart(6)}`;
    console.log(failed(run) ? `${line}  ${endOf(run)}` : line);
  }
  const failures = runs.filter(failed).map((run) => run.name);
  console.log(
    failures.length === 0
      ? `all ${runs.length} checks passed`
      : `${failures.length} of ${runs.length} checks failed: ${failures.join(", ")}`,
  );
}

const endOf = (run: ScriptRun) => (run.signal ? `ended by ${run.signal}` : `exit code ${run.code}`);
const seconds = (run: ScriptRun) => `${(run.ms / 1000).toFixed(1)} s`;
const rule = (text: string) => text.padEnd(RULE_WIDTH, "─");
