/**
 * Polls `done` until it holds: every 10 ms, or `everyMs`. Fails after `ms` with `what`, and with
 * `detail()` when given (say, what a process printed), or at once with `stop()`'s reason when it
 * returns one. For tests and benchmarks that wait on another process.
 */
export async function waitFor(
  done: () => boolean | Promise<boolean>,
  what: string,
  {
    ms = 20_000,
    everyMs = 10,
    detail,
    stop,
  }: { ms?: number; everyMs?: number; detail?: () => string; stop?: () => string | undefined } = {},
): Promise<void> {
  const deadline = Date.now() + ms;
  const explained = (reason: string) => new Error(`${reason}${detail ? `:\n${detail()}` : ""}`);
  while (!(await done())) {
    const stopped = stop?.();
    if (stopped) throw explained(`${stopped} while waiting for ${what}`);
    if (Date.now() > deadline) throw explained(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
