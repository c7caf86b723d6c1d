/**
 * The pipeline lints with @redocly/openapi-core; people also run Redocly CLI by hand and in
 * editors. Both must agree that the spec is clean under redocly.yaml: no errors, no warnings.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.ts";

it("redocly lint reports zero errors and zero warnings", async () => {
  const { stdout } = await promisify(execFile)(
    join(REPO_ROOT, "node_modules/.bin/redocly"),
    ["lint", "openapi/issues.yaml", "--format=json"],
    { cwd: REPO_ROOT, env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  const report = JSON.parse(stdout);
  expect(report.problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0, ignored: 0 });
});
