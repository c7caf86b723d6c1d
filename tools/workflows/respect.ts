/**
 * Runs the Arazzo workflows (openapi/workflows/issues.arazzo.yaml) with Redocly's `respect`
 * against one server: the fake, or a real organisation. Respect makes every request, checks each
 * step's success criteria, and checks every response against openapi/issues.yaml.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ROOT, WORKFLOWS_FILE } from "../lib/paths.ts";
import { redactedLines, redactor } from "./redaction.ts";
import "../lib/redocly.ts";

export interface WorkflowRun {
  /** The API's base URL, such as https://platform-staging.versori.com/api/v2. */
  server: string;
  token: string;
  organisationId: string;
  environmentId: string;
  /** Marks what the run creates: a label `run` and the start of each title. */
  runId: string;
  /** Only these workflows (lifecycle, paging, critical, errors); all by default. */
  workflows?: string[] | undefined;
  /** Where respect writes its JSON report. */
  jsonReport?: string | undefined;
}

export interface WorkflowResult {
  code: number;
  /** Respect's report as text, without colour, and without the token. */
  output: string;
}

/** Respect reads each of its options from `REDOCLY_CLI_RESPECT_<OPTION>` when it is not an argument. */
const RESPECT_OPTION = /^REDOCLY_CLI_RESPECT_/;

/** What respect is told on its command line, which any user of the machine can read: no input. */
export function respectArguments(run: WorkflowRun, root = ROOT): string[] {
  const args = ["respect", join(root, WORKFLOWS_FILE), "--server", `issuesApi=${run.server}`];
  for (const workflow of run.workflows ?? []) args.push("--workflow", workflow);
  if (run.jsonReport) args.push("--json-output", run.jsonReport);
  return args;
}

/**
 * Respect's environment, which only the run's own user can read: the inputs, the token among
 * them, go here rather than on the command line. Respect's own variables in `env` are left out,
 * so that one set in the shell (`REDOCLY_CLI_RESPECT_NO_SECRETS_MASKING`) cannot change a run.
 */
export function respectEnvironment(
  run: WorkflowRun,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const inherited = Object.entries(env).filter(([name]) => !RESPECT_OPTION.test(name));
  // One JSON input: respect reads `name=value` pairs by splitting on `,` and `=`, which an API
  // key may contain.
  const inputs = {
    token: run.token,
    organisationId: run.organisationId,
    environmentId: run.environmentId,
    runId: run.runId,
  };
  return {
    ...Object.fromEntries(inherited),
    REDOCLY_CLI_RESPECT_INPUT: JSON.stringify(inputs),
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

/**
 * Runs respect; its report goes to `echo` as it comes (if given) and into the result, a line at
 * a time and without the token, which is also taken out of the JSON report.
 */
export function runWorkflows(
  run: WorkflowRun,
  options: { root?: string; echo?: (text: string) => void } = {},
): Promise<WorkflowResult> {
  const root = options.root ?? ROOT;
  const redact = redactor(run.token);
  return new Promise((done, fail) => {
    const child = spawn(join(root, "node_modules/.bin/redocly"), respectArguments(run, root), {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: respectEnvironment(run),
    });
    let output = "";
    const collect = (text: string) => {
      output += text;
      options.echo?.(text);
    };
    // One line buffer per stream, so that a line of one is never cut by a line of the other.
    const streams = [child.stdout, child.stderr].map((stream) => {
      const lines = redactedLines(redact, collect);
      stream.setEncoding("utf8");
      stream.on("data", lines.write);
      return lines;
    });
    child.once("error", fail);
    child.once("close", (code) => {
      for (const lines of streams) lines.end();
      redactFile(run.jsonReport, redact).then(
        () => done({ code: code ?? 1, output: stripVTControlCharacters(output) }),
        fail,
      );
    });
  });
}

async function redactFile(path: string | undefined, redact: (text: string) => string): Promise<void> {
  if (!path || !existsSync(path)) return;
  const text = await readFile(path, "utf8");
  const redacted = redact(text);
  if (redacted !== text) await writeFile(path, redacted);
}
