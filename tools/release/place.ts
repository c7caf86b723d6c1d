/**
 * Where in the spec one of Redocly's changes sits, read from its path: under which operation,
 * and on which side of it, what callers send or what readers receive. And the two specs it is
 * read against.
 */
import { parsePointer } from "../lib/json-pointer.ts";
import type { RedoclyChange } from "./redocly-diff.ts";
import type { Snapshot } from "./snapshot.ts";

/** The last release (`base`) and the working spec, each bundled with and without its `$ref`s. */
export interface Sides {
  base: Snapshot;
  working: Snapshot;
}

export interface Place {
  /** The tokens of the change's path: `["paths", "/o/{organisation_id}/issues", "get", …]`. */
  at: string[];
  /** The path's key, for a change under `paths`. */
  route: string | undefined;
  /** The tokens inside the operation (`["responses", "200", …]`), or all of them outside `paths`. */
  inOperation: string[];
  /** On the response side: what changes is what a reader may receive. */
  inResponse: boolean;
}

export function placeOf(change: RedoclyChange): Place {
  const at = parsePointer(change.path);
  const inPaths = at[0] === "paths";
  const inOperation = inPaths ? at.slice(3) : at;
  return { at, route: inPaths ? at[1] : undefined, inOperation, inResponse: inOperation[0] === "responses" };
}
