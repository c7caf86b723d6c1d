/**
 * The lint rule issues/enum-prose (tools/pipeline/enum-prose.mjs): text that lists an enum's
 * values goes stale when the enum changes, and the pipeline must refuse it at file:line, naming
 * the value it lacks or has too many. Each case breaks a temp copy of the repository the way an
 * ordinary edit would; text that does not claim to list an enum's values passes.
 */
import { describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";
const RULE = "issues/enum-prose";
const SEVERITIES = "      enum: [critical, high, low, medium]";
const MESSAGE = "message: must be one of critical, high, low, medium";

interface StaleText {
  name: string;
  break(repo: TempRepo): Promise<void>;
  /** Each report: text on the line it must point at (its first occurrence), and its message. */
  reports: { at: string; says: string }[];
}

const edit = (from: string, to: string) => (repo: TempRepo) => repo.edit(SPEC, from, to);

const corpus: StaleText[] = [
  {
    name: "an example's list names a value the enum does not have",
    break: edit(MESSAGE, `${MESSAGE}, urgent`),
    reports: [
      {
        at: `${MESSAGE}, urgent`,
        says:
          '"one of critical, high, low, medium, urgent" lists the values of IssueSeverity but names `urgent`,' +
          " which IssueSeverity does not have: its values are `critical`, `high`, `low`, `medium`",
      },
    ],
  },
  {
    name: "a value added to the enum, which an example's list and the enum's description leave out",
    break: edit(SEVERITIES, "      enum: [critical, high, info, low, medium]"),
    reports: [
      {
        at: MESSAGE,
        says:
          '"one of critical, high, low, medium" lists the values of IssueSeverity but leaves out `info`:' +
          " its values are `critical`, `high`, `info`, `low`, `medium`",
      },
      {
        at: "    IssueSeverity:\n      type: string\n      description: |",
        says:
          "this description lists the values of IssueSeverity but leaves out `info`:" +
          " its values are `critical`, `high`, `info`, `low`, `medium`",
      },
    ],
  },
  {
    name: "a value renamed in the enum, whose description still names the old one",
    break: edit(
      "      enum: [open, closed, acked, resolved]",
      "      enum: [open, closed, acknowledged, resolved]",
    ),
    reports: [
      {
        at: "    IssueStatus:\n      type: string\n      description: |",
        says:
          "this description lists the values of IssueStatus but leaves out `acknowledged`:" +
          " its values are `open`, `closed`, `acknowledged`, `resolved`",
      },
    ],
  },
  {
    name: "a value added to a parameter's inline enum, which the parameter's description leaves out",
    break: edit("        enum: [createdAt, lastSeenAt]", "        enum: [createdAt, lastSeenAt, resolvedAt]"),
    reports: [
      {
        at: "      name: search_date\n      in: query\n      required: false\n      description: |",
        says:
          "this description lists the values of the enum of SearchDate but leaves out `resolvedAt`:" +
          " its values are `createdAt`, `lastSeenAt`, `resolvedAt`",
      },
    ],
  },
  {
    name: "a description's backticked list after 'one of' that misses a value",
    break: edit(
      "      description: Return only issues in this status.",
      "      description: Return only issues in this status, one of `open`, `acked` or `closed`.",
    ),
    reports: [
      {
        at: "one of `open`, `acked` or `closed`",
        says:
          '"one of open, acked, closed" lists the values of IssueStatus but leaves out `resolved`:' +
          " its values are `open`, `closed`, `acked`, `resolved`",
      },
    ],
  },
];

/** The 1-based line of the last line of `needle`'s first occurrence in `text`. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`the broken spec does not contain ${JSON.stringify(needle)}`);
  return text.slice(0, index + needle.length).split("\n").length;
}

/** The pipeline's report lines of `rule`, as `file:line rule message` (the column left out). */
async function reportsOf(repo: TempRepo): Promise<string[]> {
  const error = await buildOutputs({ root: repo.root }).then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(PipelineError);
  return (error as PipelineError).lines
    .filter((line) => line.includes(` ${RULE} `))
    .map((line) => line.replace(/^([^:]+:\d+):\d+ /, "$1 "));
}

describe.concurrent("stale text about an enum", () => {
  it.each(corpus)("$name", async ({ break: breakSpec, reports }) => {
    const repo = await createTempRepo();
    try {
      await breakSpec(repo);
      const text = await repo.read(SPEC);
      const expected = reports.map(({ at, says }) => `${SPEC}:${lineOf(text, at)} ${RULE} ${says}`);
      expect((await reportsOf(repo)).sort()).toEqual(expected.sort());
    } finally {
      await repo.dispose();
    }
  });

  it("passes text that names values without claiming to list them all", async () => {
    const repo = await createTempRepo();
    try {
      await repo.edit(
        SPEC,
        "      description: Return only issues in this status.",
        "      description: Return only issues in this status, such as `open`; one of the issues' fields.",
      );
      await repo.edit(
        SPEC,
        "      description: Return only issues of this severity.",
        "      description: Return only issues of this severity; one of `high` or `resolved` is not a list of one enum.",
      );
      await expect(buildOutputs({ root: repo.root })).resolves.toBeDefined();
    } finally {
      await repo.dispose();
    }
  });
});
