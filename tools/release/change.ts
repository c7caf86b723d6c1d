/** A change between two releases, and how big a version bump it needs. */

export const IMPACTS = ["none", "patch", "minor", "major"] as const;
export type Impact = (typeof IMPACTS)[number];
export const rank = (impact: Impact) => IMPACTS.indexOf(impact);
export const larger = (a: Impact, b: Impact): Impact => (rank(a) >= rank(b) ? a : b);

/** One change between two releases, rated by what it does to consumers. */
export interface Change {
  impact: Impact;
  /** Where, in words: `GET /o/{organisation_id}/issues, response 200`. */
  where: string;
  /** What changed and, for a breaking change, why it breaks consumers. */
  what: string;
}

/** The bump that a list of changes needs: that of the largest, none for no changes. */
export const required = (changes: Change[]): Impact =>
  changes.reduce<Impact>((max, change) => larger(max, change.impact), "none");
