/**
 * `npm run check:upstream [-- file-or-url]`: compares the wire facts of the issue operations in
 * Versori's own description (by default, the `source` that openapi/upstream-differences.yaml
 * names) with ours. Exit 0 when only the listed, deliberate differences remain; otherwise exit 1
 * with one line per new difference, and per listed one that no longer exists.
 */
import { parseArgs } from "node:util";
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { checkUpstream } from "../tools/upstream/check.ts";

const USAGE = "usage: npm run check:upstream [-- <file or http(s) URL of Versori's description>]";

runMain(async () => {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} }));
  } catch (error) {
    throw new PipelineError([`npm run check:upstream: ${(error as Error).message.split(". ")[0]}; ${USAGE}`]);
  }
  if (positionals.length > 1)
    throw new PipelineError([`npm run check:upstream: one source at most; ${USAGE}`]);
  // npm runs scripts in the project's root; INIT_CWD is where the command was typed.
  const verdict = await checkUpstream({ source: positionals[0], cwd: process.env.INIT_CWD ?? process.cwd() });
  for (const line of verdict.report) console.log(line);
  for (const line of verdict.problems) console.error(line);
  return verdict.passed ? 0 : 1;
});
