/**
 * Whether the fake's issues show the body a sample's call sent: each field of the sample's body
 * is the same in the issue the call created or updated. The body is checked by its outcome, read
 * through `issues()`, so that the check is the same for the in-process fake and the HTTP one, whose
 * request bodies belong to the fake.
 */
import { isDeepStrictEqual } from "node:util";
import type { FakeIssues } from "../../../src/testing/index.ts";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";

type Issue = ReturnType<FakeIssues["issues"]>[number];

/**
 * The issue the call left: the one its path names, else the newest of its organisation (the
 * one it created: only a sample whose path names an issue has one seeded).
 */
function issueLeft(sample: CodeSample, fake: Pick<FakeIssues, "issues">): Issue | undefined {
  const { organisation_id: organisationId, issue_id: id } = sample.pathValues;
  const issues = fake.issues(organisationId);
  return id === undefined ? issues.at(-1) : issues.find((issue) => issue.id === id);
}

/** A field the body sends as null is cleared: the issue has none, or null. */
const sameValue = (stored: unknown, sent: unknown): boolean =>
  sent === null ? stored === undefined || stored === null : isDeepStrictEqual(stored, sent);

/** Why the fake's issues do not show the sample's body (the problem alone), or undefined when they do. */
export function outcomeProblem(sample: CodeSample, fake: Pick<FakeIssues, "issues">): string | undefined {
  const { body } = sample;
  if (body === undefined) return undefined;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return `its body ${JSON.stringify(body)} is not an object, which the harness cannot compare with an issue`;
  }
  const issue = issueLeft(sample, fake) as Record<string, unknown> | undefined;
  if (issue === undefined) return "it left no issue in the fake to compare its body with";
  for (const [field, sent] of Object.entries(body)) {
    if (sameValue(issue[field], sent)) continue;
    const stored = issue[field] === undefined ? "no value" : JSON.stringify(issue[field]);
    return `the issue it left has ${field} ${stored}, not ${JSON.stringify(sent)} as its body sends`;
  }
  return undefined;
}
