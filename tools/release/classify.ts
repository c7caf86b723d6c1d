/**
 * Our own ratings, where Redocly's verdict is wrong for consumers of the generated types
 * (documented in CONTRIBUTING), one function for each kind of change:
 *
 * - Parameters that only moved between a path item and its operations: the same API, patch,
 *   whatever Redocly says.
 * - A schema removed from `components`, or renamed: major. `components["schemas"]` and its
 *   aliases are the types entry's API.
 * - A value added to or removed from a response enum: major. An exhaustive switch over the
 *   generated union stops compiling, and so does a `case` for the removed value.
 * - A value added to a request enum, and a request field that stops being required: minor, not
 *   patch. Both widen what a caller may send, a new capability.
 *
 * All but the first only ever raise Redocly's rating.
 */
import { rank, type Impact } from "./change.ts";
import type { Place, Sides } from "./place.ts";
import type { RedoclyChange } from "./redocly-diff.ts";
import { parametersOnlyMoved } from "./surface.ts";
import { whyOf } from "./why.ts";

/** Our rating of a change, and what it is in words. */
export interface Rating {
  impact: Impact;
  what: string;
}

/**
 * The release's own version bump, which is not a change to the API. Redocly reports it on
 * `#/info` with the property `version`; a patch verdict for it made every bump a change itself.
 */
export const isVersionBump = (change: RedoclyChange): boolean =>
  change.path === "#/info" && change.property === "version";

/** Our rating of `change`, when it differs from Redocly's; undefined to keep Redocly's. */
export function reclassify(change: RedoclyChange, place: Place, sides: Sides): Rating | undefined {
  const moved = parametersMoved(change, place, sides);
  if (moved) return moved;
  // The first of them that speaks to the change decides.
  for (const rate of RAISES) {
    const own = rate(change, place);
    if (own) return rank(own.impact) > rank(change.impact) ? own : undefined;
  }
  return undefined;
}

/** A parameter added or removed as a whole (not a change inside one), at either level. */
function parametersMoved(change: RedoclyChange, { at, route }: Place, sides: Sides): Rating | undefined {
  const index = at.indexOf("parameters");
  const wholeParameter = (index === 2 || index === 3) && at.length <= index + 2;
  if (route === undefined || !wholeParameter || !(change.kind === "added" || change.kind === "removed")) {
    return undefined;
  }
  if (!parametersOnlyMoved(route, sides.working.dereferenced, sides.base.dereferenced)) return undefined;
  return {
    impact: "patch",
    what: "Parameters moved between the path item and its operations; each operation takes the same ones.",
  };
}

const NAMED_TYPE = "Code that names its type no longer compiles.";

const isComponentSchema = (at: string[]) => at[0] === "components" && at[1] === "schemas" && at.length === 3;

function schemaRemoved(change: RedoclyChange, { at }: Place): Rating | undefined {
  if (!isComponentSchema(at) || change.kind !== "removed") return undefined;
  return { impact: "major", what: `Schema \`${at[2]}\` was removed. ${NAMED_TYPE}` };
}

function schemaRenamed(change: RedoclyChange, { at }: Place): Rating | undefined {
  if (!isComponentSchema(at) || change.property !== "key") return undefined;
  const before = String(change.base?.value);
  return { impact: "major", what: `Schema \`${before}\` was renamed to \`${at[2]}\`. ${NAMED_TYPE}` };
}

function responseEnumChanged(change: RedoclyChange, { inResponse }: Place): Rating | undefined {
  const values = listChange(change);
  if (change.property !== "enum" || !inResponse || !values) return undefined;
  const what = [
    values.added.length > 0 && `gained ${values.added.join(", ")}`,
    values.removed.length > 0 && `lost ${values.removed.join(", ")}`,
  ].filter(Boolean);
  if (what.length === 0) return undefined;
  return {
    impact: "major",
    what: `A response enum ${what.join(" and ")}. ${whyOf("enum-values-added", true)}`,
  };
}

function requestEnumWidened(change: RedoclyChange, { inResponse }: Place): Rating | undefined {
  const added = listChange(change)?.added ?? [];
  if (change.property !== "enum" || inResponse || added.length === 0) return undefined;
  return {
    impact: "minor",
    what: `Values were added to a request enum: ${added.join(", ")}. Callers may send them.`,
  };
}

function requestFieldsOptional(change: RedoclyChange, { inResponse }: Place): Rating | undefined {
  const removed = listChange(change)?.removed ?? [];
  if (change.property !== "required" || inResponse || removed.length === 0) return undefined;
  return {
    impact: "minor",
    what: `Request fields are no longer required: ${removed.join(", ")}. Callers may leave them out.`,
  };
}

const RAISES = [schemaRemoved, schemaRenamed, responseEnumChanged, requestEnumWidened, requestFieldsOptional];

/** What a change to a list (an `enum`, a `required`) added and removed; undefined for other values. */
function listChange(change: RedoclyChange): { added: unknown[]; removed: unknown[] } | undefined {
  const before = change.base?.value;
  const after = change.revision?.value;
  if (!Array.isArray(before) || !Array.isArray(after)) return undefined;
  return {
    added: after.filter((value) => !before.includes(value)),
    removed: before.filter((value) => !after.includes(value)),
  };
}
