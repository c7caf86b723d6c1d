/**
 * `npm run check:upstream [-- [--max-bytes N] file-or-url]`: compares the wire facts of the issue
 * operations in Versori's own description (by default, the `source` that
 * openapi/upstream-differences.yaml names) with ours. Exit 0 unless Versori's description moved,
 * since the copy recorded in openapi/upstream/platform-api.yaml, in a way the listed differences
 * do not cover; otherwise exit 1 with one line per new difference, and per listed one that no
 * longer exists. A description
 * larger than --max-bytes (2 MiB by default) is refused once that many bytes have arrived.
 */
import { parseArgs } from "node:util";
import { PipelineError, runMain } from "../tools/lib/command.ts";
import { checkUpstream } from "../tools/upstream/check.ts";

const USAGE =
  "usage: npm run check:upstream [-- [--max-bytes N] <file or http(s) URL of Versori's description>]";

runMain(async () => {
  let positionals: string[];
  let values: { "max-bytes"?: string };
  try {
    ({ positionals, values } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { "max-bytes": { type: "string" } },
    }));
  } catch (error) {
    throw new PipelineError([`npm run check:upstream: ${(error as Error).message.split(". ")[0]}; ${USAGE}`]);
  }
  if (positionals.length > 1)
    throw new PipelineError([`npm run check:upstream: one source at most; ${USAGE}`]);
  const limit = values["max-bytes"];
  if (limit !== undefined && !/^[1-9]\d*$/.test(limit)) {
    throw new PipelineError([
      `npm run check:upstream: --max-bytes must be a whole number of bytes, not ${JSON.stringify(limit)}; ${USAGE}`,
    ]);
  }
  const verdict = await checkUpstream({
    source: positionals[0],
    // npm runs scripts in the project's root; INIT_CWD is where the command was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    maxBytes: limit === undefined ? undefined : Number(limit),
  });
  for (const line of verdict.report) console.log(line);
  for (const line of verdict.problems) console.error(line);
  return verdict.passed ? 0 : 1;
});
