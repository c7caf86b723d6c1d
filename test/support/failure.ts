/** For tests of calls that must fail. */
import { expect } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";

/** Runs `call`, expects it to fail, and returns the error with the time it took. */
// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the error class it expects.
export async function failure(call: Promise<unknown>): Promise<{ error: any; ms: number }> {
  const start = performance.now();
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (thrown: unknown) => thrown,
  );
  return { error, ms: performance.now() - start };
}

/** Runs `call`, expects it to throw a PipelineError (a command's refusal), and returns its lines. */
export function refusalLines(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    return (error as PipelineError).lines;
  }
  return expect.fail("expected a refusal");
}
