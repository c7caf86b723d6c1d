/**
 * What `npm run dev` does on a save: lint, regenerate generated/, then hand the bundled spec to
 * the docs, one run at a time, each reported in one status line. A failure is reported, never
 * thrown: the watcher keeps running and the last good output stays, in generated/ and on the
 * open docs pages, which show the problems over it.
 */
import { pageSpec } from "../docs/page-spec.ts";
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import { writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";
import type { BuildOutcome } from "./docs-server.ts";

export interface RegenerateOptions {
  /**
   * Takes each run's outcome (the docs server's `publish`): the bundled spec's JSON text after
   * a good run, and says, for the status line, what became of it; after a failed one, the
   * lines printed under the ✘ status line.
   */
  publish?: ((outcome: BuildOutcome) => string) | undefined;
}

const time = () => new Date().toTimeString().slice(0, 8);

/** One regeneration: lint, types and bundle, then the docs. Never throws: it reports. */
async function regenerate(reason: string, options: RegenerateOptions): Promise<void> {
  const start = performance.now();
  let written: number;
  let spec: string;
  try {
    const outputs = await buildOutputs({ root: ROOT });
    const { changed, missing } = await writeOutputs(ROOT, outputs);
    written = changed.length + missing.length;
    spec = outputs.get("openapi.json")!;
  } catch (error) {
    const problems = problemLines(error);
    report(reason, "failed; generated/ keeps its last good output", problems);
    // The terminal's lines are the ones above: what the docs made of them is not printed.
    options.publish?.({ reason, problems });
    return;
  }
  const generated = `generated/ in ${Math.round(performance.now() - start)} ms (${written} written)`;
  if (!options.publish) {
    console.log(`✔ ${time()} ${reason}: ${generated}`);
    return;
  }
  let page: string;
  try {
    page = await pageSpec(spec);
  } catch (error) {
    const problems = problemLines(error);
    report(reason, `${generated}; the docs page's copy of the spec failed`, problems);
    options.publish({ reason, problems });
    return;
  }
  const docs = options.publish({ spec, page });
  console.log(`✔ ${time()} ${reason}: ${generated}, ${docs}`);
}

/** A failed run's own lines (file:line:col for the spec): a PipelineError's, or its message. */
function problemLines(error: unknown): string[] {
  return error instanceof PipelineError ? error.lines : [`error: ${messageOf(error)}`];
}

/**
 * A ✘ status line, then the problem's own lines, indented: in one write, so that whoever reads
 * the output (a terminal, an editor's task runner, a test) never sees the status line without
 * its problems.
 */
function report(reason: string, outcome: string, lines: string[]): void {
  console.log([`✘ ${time()} ${reason}: ${outcome}`, ...lines.map((line) => `  ${line}`)].join("\n"));
}

/**
 * Runs regenerations one at a time; changes that arrive meanwhile make one more run. The
 * function it returns resolves when no run is left.
 */
export function createRegenerator(options: RegenerateOptions): (reason: string) => Promise<void> {
  let running: Promise<void> | undefined;
  let pending: string | undefined;
  return (reason) => {
    pending = reason;
    if (running) return running;
    running = (async () => {
      while (pending) {
        const next = pending;
        pending = undefined;
        await regenerate(next, options);
      }
      running = undefined;
    })();
    return running;
  };
}
