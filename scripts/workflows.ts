/**
 * `npm run workflows`: runs the Arazzo workflows (openapi/workflows/issues.arazzo.yaml) against
 * the fake Issues server, which it starts on 127.0.0.1 and stops afterwards.
 *
 * `npm run workflows -- --live`: runs them against a real organisation: VERSORI_API_KEY,
 * VERSORI_ORGANISATION_ID and VERSORI_ENVIRONMENT_ID, and VERSORI_API_URL (Versori's staging API
 * by default). What they create is labelled with the run and resolved before they end.
 *
 * Options: --workflow NAME (lifecycle, paging, critical or errors; may be
 * repeated), --report DIR (writes
 * workflows.json, respect's own report, and workflows.md, a readable one). Exit 0 when every
 * workflow passes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startFakeIssuesServer } from "../src/testing/index.ts";
import { messageOf, PipelineError, runMain } from "../tools/lib/command.ts";
import { liveSettings } from "../tools/workflows/live-settings.ts";
import { orderLine } from "../tools/workflows/order.ts";
import { redactor } from "../tools/workflows/redaction.ts";
import { runWorkflows, type WorkflowRun } from "../tools/workflows/respect.ts";

const USAGE = "usage: npm run workflows -- [--live] [--workflow NAME]... [--report DIR]";
// Any well-formed IDs do for the fake, which keeps every organisation apart.
const FAKE_ORGANISATION = "01KJPWD6M0MD8SP6RARAKC9170";
const FAKE_ENVIRONMENT = "01KJSESXM0033A0801TK9E6SS5";

runMain(async () => {
  let values: { live?: boolean; workflow?: string[]; report?: string };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        live: { type: "boolean" },
        workflow: { type: "string", multiple: true },
        report: { type: "string" },
      },
    }));
  } catch (error) {
    throw new PipelineError([`npm run workflows: ${messageOf(error).split(". ")[0]}; ${USAGE}`]);
  }
  const runId = process.env.GITHUB_RUN_ID
    ? `github-${process.env.GITHUB_RUN_ID}-${process.env.GITHUB_RUN_ATTEMPT ?? "1"}`
    : `local-${new Date().toISOString().replace(/[-:]/g, "").slice(0, 15)}`;
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const reportDir = values.report ? resolve(cwd, values.report) : undefined;
  if (reportDir) await mkdir(reportDir, { recursive: true });

  const fake = values.live ? undefined : await startFakeIssuesServer();
  try {
    const target = fake
      ? {
          server: fake.url,
          token: fake.token,
          organisationId: FAKE_ORGANISATION,
          environmentId: FAKE_ENVIRONMENT,
        }
      : liveSettings(process.env);
    const run: WorkflowRun = {
      ...target,
      runId,
      workflows: values.workflow,
      jsonReport: reportDir && join(reportDir, "workflows.json"),
    };
    // Respect's output comes without the token; what is said around it must not add it back
    // (a VERSORI_API_URL that holds the key by mistake).
    const redact = redactor(run.token);
    console.log(
      redact(
        `workflows against ${fake ? `the fake Issues server at ${run.server}` : run.server}, run ${runId}`,
      ),
    );
    const result = await runWorkflows(run, { echo: (text) => process.stdout.write(text) });
    console.log(orderLine(result.output));
    if (reportDir) await writeFile(join(reportDir, "workflows.md"), redact(readableReport(run, result)));
    return result.code === 0 ? 0 : 1;
  } finally {
    await fake?.close();
  }
});

function readableReport(run: WorkflowRun, result: { code: number; output: string }): string {
  const lines = result.output.split("\n");
  const summary = lines.filter((line) => /^\s*(Workflows|Steps|Checks):/.test(line));
  // From respect's first workflow on: before it, Redocly may print a banner about Node versions.
  const first = lines.findIndex((line) => line.includes("Running workflow"));
  return [
    `# Issues API workflows: ${result.code === 0 ? "passed" : "FAILED"}`,
    "",
    `- server: ${run.server}`,
    `- run: \`${run.runId}\` (the \`run\` label of every issue it created)`,
    `- ${orderLine(result.output)}`,
    ...summary.map((line) => `- ${line.trim()}`),
    "",
    "```text",
    lines
      .slice(Math.max(0, first - 2))
      .join("\n")
      .trim(),
    "```",
    "",
  ].join("\n");
}
