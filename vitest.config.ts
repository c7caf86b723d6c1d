import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./test/support/longest-first.sequencer.ts";

/**
 * Test files that run on the first Node only, not again in `npm run test:matrix`'s repeats on
 * Node 22 and 24 (TEST_MATRIX_NODE set): the release tooling's tests, minutes of git and the
 * project's own release and gate scripts in temp copies, which behave the same on every Node,
 * run again to keep `.ci/run` under ten minutes. GitHub's CI (ci.yml) runs every file on every
 * Node of its matrix.
 */
const FIRST_NODE_ONLY = [
  "test/release/spec-edit-loop.test.ts",
  "test/release/redo.test.ts",
  "test/release/changelog.test.ts",
  "test/release/release-safety.test.ts",
  "test/pipeline/breaking.test.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: process.env.TEST_MATRIX_NODE ? FIRST_NODE_ONLY : [],
    // The browser that the browser tests drive, found once for the whole run.
    globalSetup: ["test/support/browser.setup.ts"],
    // Pipeline tests run the real npm scripts in temp copies of the repository.
    testTimeout: 60_000,
    // Most test files spend their time waiting on child processes (npm, tsc, a browser), so
    // two files at once keep a 2-core machine busy: `npm test` took 126 s against 155 s with
    // vitest's default there, one worker (cores - 1). Three were slower again (132 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker keeps its modules loaded from one test file to the next, so Redocly, tsx's
    // transforms and openapi-typescript load once per worker instead of once per file: vitest's
    // CPU went from about 179 s to 152 s. It is safe because no test file changes anything
    // global that outlives it: none mocks a module or stubs a global or an environment variable,
    // and the MSW test closes its interceptor in afterAll. Keep it that way (CONTRIBUTING.md).
    isolate: false,
    hookTimeout: 60_000,
    reporters: ["default", "./test/support/slowest-files.reporter.ts"],
    sequence: { sequencer: LongestFirst },
  },
});
