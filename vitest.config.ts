import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Prism, the mock server the contract tests send their requests to, and the browser that
    // the browser tests drive, found once for the whole run.
    globalSetup: ["test/contract/prism.setup.ts", "test/support/browser.setup.ts"],
    // Pipeline tests run the real npm scripts in temp copies of the repository.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
