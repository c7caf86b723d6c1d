/**
 * What `npm run dev` does on a save: lint, regenerate generated/, then hand the bundled spec to
 * the docs, one run at a time, each reported in one status line. A failure is reported, never
 * thrown: the watcher keeps running and the last good output stays, in generated/ and on the
 * open docs pages.
 */
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import { writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";

export interface RegenerateOptions {
  /**
   * Takes the bundled spec's JSON text after each good run (the docs server's `publish`), and
   * says, for the status line, what became of it.
   */
  publish?: ((spec: string) => string) | undefined;
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
    report(reason, "failed; generated/ keeps its last good output", error);
    return;
  }
  const generated = `generated/ in ${Math.round(performance.now() - start)} ms (${written} written)`;
  const docs = options.publish?.(spec);
  console.log(`✔ ${time()} ${reason}: ${generated}${docs ? `, ${docs}` : ""}`);
}

/**
 * A ✘ status line, then the problem's own lines (file:line for the spec), indented: in one write,
 * so that whoever reads the output (a terminal, an editor's task runner, a test) never sees the
 * status line without its problems.
 */
function report(reason: string, outcome: string, error: unknown): void {
  const lines = error instanceof PipelineError ? error.lines : [`error: ${messageOf(error)}`];
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
