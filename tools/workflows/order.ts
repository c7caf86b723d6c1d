/**
 * The report's one line on which order the server's list uses, read from what respect printed
 * for the paging workflow: step `newestFirst` checks the spec's order, and step `oldestFirst`
 * runs only when it failed, to say whether the server pages the other way instead.
 */

type Outcome = "passed" | "failed" | "not run";

function outcome(output: string, stepId: string): Outcome {
  const line = output
    .split("\n")
    .find((text) => new RegExp(`^\\s*[✓✗] \\S+ \\S+ - step ${stepId}\\s*$`).test(text));
  if (!line) return "not run";
  return line.trim().startsWith("✓") ? "passed" : "failed";
}

export function orderLine(output: string): string {
  const newest = outcome(output, "newestFirst");
  const oldest = outcome(output, "oldestFirst");
  if (newest === "passed") return "order: newest first, as the spec says (step newestFirst passed)";
  if (newest === "not run") return "order: not checked (the paging workflow's step newestFirst did not run)";
  if (oldest === "passed") {
    return "order: oldest first, NOT as the spec says (step newestFirst failed, oldestFirst passed)";
  }
  return "order: neither newest first nor oldest first with an issue-ID cursor (steps newestFirst and oldestFirst failed)";
}
