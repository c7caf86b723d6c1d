import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The browser that the browser tests drive, found once for the whole run.
    globalSetup: ["test/support/browser.setup.ts"],
    // Pipeline tests run the real npm scripts in temp copies of the repository.
    testTimeout: 60_000,
    // Most test files spend their time waiting on child processes (npm, tsc, a browser), so
    // two files at once keep a 2-core machine busy: `npm test` took 126 s against 155 s with
    // vitest's default there, one worker (cores - 1). Three were slower again (132 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 60_000,
    reporters: ["default", "./test/support/slowest-files.reporter.ts"],
  },
});
