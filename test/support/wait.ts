/**
 * Polls `done` every 10 ms until it holds. Fails after `ms` with `what`, and with `detail()`
 * when given (say, what a process printed), or at once with `stop()`'s reason when it returns one.
 */
export async function waitFor(
  done: () => boolean | Promise<boolean>,
  what: string,
  { ms = 20_000, detail, stop }: { ms?: number; detail?: () => string; stop?: () => string | undefined } = {},
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    const stopped = stop?.();
    if (stopped) throw new Error(`${stopped} while waiting for ${what}${detail ? `:\n${detail()}` : ""}`);
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${detail ? `:\n${detail()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
