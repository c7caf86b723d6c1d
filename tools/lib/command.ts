/**
 * How a command runs and reports: one line per step with its time, and failures as lines a
 * person can act on (file:line for the spec), never a stack trace unless DEBUG is set.
 */

/** A failure the spec's author can act on. Its lines are printed as they are, with no stack. */
export class PipelineError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "PipelineError";
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `fn`, then prints `name`, the detail it returns and the time it took. */
export async function step<T>(
  log: (line: string) => void,
  name: string,
  fn: () => Promise<[T, string]>,
): Promise<T> {
  const start = performance.now();
  const [value, detail] = await fn();
  logStep(log, name, detail, performance.now() - start);
  return value;
}

/** Prints one step's line: `✔ name     detail     123 ms`. */
export function logStep(log: (line: string) => void, name: string, detail: string, ms: number): void {
  log(`✔ ${name.padEnd(8)} ${detail.padEnd(48)} ${String(Math.round(ms)).padStart(5)} ms`);
}

/** Resolves with what `promise` resolves with and the milliseconds from now until it did. */
export async function timed<T>(promise: Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await promise;
  return [value, performance.now() - start];
}

/**
 * Runs a command's main function: a PipelineError prints its lines, anything else prints its
 * message (and its stack only with DEBUG set), and either exits 1.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: an async main that returns nothing is a Promise<void>.
export function runMain(main: () => Promise<number | void>): void {
  // Failure until proven otherwise: a run that never settles must not exit 0.
  process.exitCode = 1;
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof PipelineError) {
        for (const line of error.lines) console.error(line);
      } else {
        console.error(`error: ${messageOf(error)}`);
        if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      }
    },
  );
}
