/**
 * Issues stored directly, as a test's starting point: each built with a create's defaults and
 * checked as the API would hold it, so that a seed cannot put the fake in a state the spec or
 * the fake's own rules forbid. A batch is stored whole or not at all.
 */
import type { Issue } from "../../generated/issues.js";
import type { CompiledSpec } from "../spec/index.js";
import { isRecord, misuse, shown } from "./misuse.js";
import { resolutionProblems, seededResolution } from "./resolution-rules.js";
import type { IssueStore, SeedIssue } from "./store.js";

export function seedIssues(store: IssueStore, spec: CompiledSpec, now: () => Date, issues: unknown): Issue[] {
  if (!Array.isArray(issues)) misuse(`seed needs an array of issues, not ${shown(issues)}`);
  const built = issues.map((fields: unknown, index) => {
    if (!isRecord(fields)) misuse(`seed: issue ${index} must be an object, not ${shown(fields)}`);
    return store.build(seededResolution(fields as SeedIssue, now()), now());
  });
  const ids = new Set<string>();
  built.forEach((issue, index) => {
    const which = `seed: issue ${index} (${issue.id})`;
    const problem = spec.checkIssue(issue);
    if (problem) misuse(`${which} breaks the spec: ${problem}`);
    const [inconsistent] = resolutionProblems(issue.status, issue);
    if (inconsistent) misuse(`${which}: ${inconsistent.field} ${inconsistent.message}`);
    if (ids.has(issue.id) || store.has(issue.id)) misuse(`${which}: an issue with this ID already exists`);
    ids.add(issue.id);
  });
  return built.map((issue) => store.add(issue));
}
