/**
 * The rules the fake follows where the API is silent about resolving: only a resolved issue has
 * a resolution (`resolutionStatus`, a `resolvedAt`), and a resolved issue has a `resolvedAt`.
 */
import type { ErrorField, UpdateIssue } from "../../generated/issues.js";
import type { Changes, SeedIssue } from "./store.js";

/**
 * Why a change would leave an issue inconsistent, as the fields to report; none when it would
 * not. `status` is the status the issue has after the change.
 */
export function resolutionProblems(status: string | undefined, changes: Changes): ErrorField[] {
  if (status === "resolved") {
    return changes.resolvedAt === null
      ? [{ field: "resolvedAt", message: "cannot be null on a resolved issue" }]
      : [];
  }
  const message = "is only for a resolved issue: send status resolved with it";
  return [
    ...(changes.resolutionStatus === undefined ? [] : [{ field: "resolutionStatus", message }]),
    ...(changes.resolvedAt === undefined || changes.resolvedAt === null
      ? []
      : [{ field: "resolvedAt", message }]),
  ];
}

/**
 * An update's changes with the status's consequences: resolving sets `resolvedAt` (unless the
 * update gives it) and a `resolutionStatus` of `resolved` (unless given); any other status
 * clears both, so an issue is never open with a resolution.
 */
export function consistentStatus(changes: UpdateIssue, now: Date): Changes {
  if (changes.status === undefined) return changes;
  if (changes.status === "resolved") {
    return { resolvedAt: now.toISOString(), resolutionStatus: "resolved", ...changes };
  }
  return { ...changes, resolvedAt: null, resolutionStatus: undefined };
}

/** A seeded resolved issue gets the same resolution a PATCH would give it, unless the seed says. */
export const seededResolution = (fields: SeedIssue, now: Date): SeedIssue =>
  fields.status === "resolved"
    ? { resolvedAt: now.toISOString(), resolutionStatus: "resolved", ...fields }
    : fields;
