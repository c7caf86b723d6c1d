/**
 * Runs the Arazzo workflows (openapi/workflows/issues.arazzo.yaml) with Redocly's `respect`
 * against one server: the fake, or a real organisation. Respect makes every request, checks each
 * step's success criteria, and checks every response against openapi/issues.yaml.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ROOT, WORKFLOWS_FILE } from "../lib/paths.ts";
import "../lib/redocly.ts";

export interface WorkflowRun {
  /** The API's base URL, such as https://platform-staging.versori.com/api/v2. */
  server: string;
  token: string;
  organisationId: string;
  environmentId: string;
  /** Marks what the run creates: a label `run` and the start of each title. */
  runId: string;
  /** Only these workflows (lifecycle, paging, errors); all by default. */
  workflows?: string[] | undefined;
  /** Where respect writes its JSON report. */
  jsonReport?: string | undefined;
}

export interface WorkflowResult {
  code: number;
  /** Respect's report as text, without colour. */
  output: string;
}

export function respectArguments(run: WorkflowRun, root = ROOT): string[] {
  // One JSON input: respect reads `name=value` pairs by splitting on `,` and `=`, which an API
  // key may contain.
  const inputs = {
    token: run.token,
    organisationId: run.organisationId,
    environmentId: run.environmentId,
    runId: run.runId,
  };
  const args = [
    "respect",
    join(root, WORKFLOWS_FILE),
    "--server",
    `issuesApi=${run.server}`,
    "--input",
    JSON.stringify(inputs),
  ];
  for (const workflow of run.workflows ?? []) args.push("--workflow", workflow);
  if (run.jsonReport) args.push("--json-output", run.jsonReport);
  return args;
}

/** Runs respect; its report goes to `echo` as it comes (if given) and into the result. */
export function runWorkflows(
  run: WorkflowRun,
  options: { root?: string; echo?: (text: string) => void } = {},
): Promise<WorkflowResult> {
  const root = options.root ?? ROOT;
  return new Promise((done, fail) => {
    const child = spawn(join(root, "node_modules/.bin/redocly"), respectArguments(run, root), {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      options.echo?.(chunk.toString());
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", fail);
    child.once("close", (code) => done({ code: code ?? 1, output: stripVTControlCharacters(output) }));
  });
}
