/**
 * What `npm run dev` does on a save: lint, regenerate generated/, then the docs, one run at a
 * time, each reported in one status line. A failure is reported, never thrown: the watcher
 * keeps running and the last good output stays.
 */
import { buildDocs, DOCS_DIR } from "../docs/docs.ts";
import type { DocsRenderer } from "../docs/render.ts";
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import { writeOutputs } from "../pipeline/outputs.ts";
import { buildOutputs } from "../pipeline/pipeline.ts";

export interface RegenerateOptions {
  /** Whether to rebuild the docs after generated/. */
  docs: boolean;
  /** Called after each docs build, to tell open pages to reload. */
  docsBuilt?: (() => void) | undefined;
  /** Renders the docs page in this process; without it, each build starts the Redocly CLI. */
  render?: Promise<DocsRenderer | undefined> | undefined;
}

const time = () => new Date().toTimeString().slice(0, 8);

/** One regeneration: lint, types and bundle, then docs. Never throws: it reports. */
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
  if (!options.docs) {
    console.log(`✔ ${time()} ${reason}: ${generated}`);
    return;
  }
  const docsStart = performance.now();
  try {
    await buildDocs(DOCS_DIR, spec, await options.render);
  } catch (error) {
    report(reason, `${generated}, but the docs failed; the page keeps its last good build`, error);
    return;
  }
  options.docsBuilt?.();
  console.log(`✔ ${time()} ${reason}: ${generated}, docs in ${Math.round(performance.now() - docsStart)} ms`);
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
