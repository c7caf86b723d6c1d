/**
 * Every change from the last release to the working spec, rated by what it does to consumers of
 * the generated types and said in plain words: Redocly's diff (redocly-diff.ts), our ratings
 * where its verdict is wrong for them (classify.ts), each in words (describe.ts), the
 * TypeScript names that the wire does not show (surface.ts), and a renamed component as one
 * change rather than one removed and another added (renames.ts).
 */
import { ROOT } from "../lib/paths.ts";
import { bundleDereferenced } from "../pipeline/pipeline.ts";
import { type Change, rank } from "./change.ts";
import { isVersionBump, reclassify } from "./classify.ts";
import { describe } from "./describe.ts";
import { placeOf, type Sides } from "./place.ts";
import { type RedoclyChange, redoclyDiff } from "./redocly-diff.ts";
import {
  type ComponentRename,
  componentRenames,
  isRenameChurn,
  renamedTypes,
  renamesOnTheirOwn,
} from "./renames.ts";
import { readSnapshot, type Snapshot } from "./snapshot.ts";
import { surfaceChanges } from "./surface.ts";

type Spec = Snapshot["bundled"];

/** Every change from the release snapshot `baseFile` to the working spec, most severe first. */
export async function diffSince(baseFile: string, working: object, root = ROOT): Promise<Change[]> {
  // Read, checked and bundled here, so that the diff gets a copy with nothing left to fetch.
  const base = await readSnapshot(root, baseFile);
  const found = await redoclyDiff(base.bundled, working, { root, baseFile });
  // Read as plain JSON, as the rest of the release tools do.
  const dereferenced: object = await bundleDereferenced(root);
  const sides: Sides = { base, working: { bundled: working as Spec, dereferenced: dereferenced as Spec } };
  const renames = componentRenames(found, sides);
  const changes = found
    .filter((change) => !isVersionBump(change) && !isRenameChurn(change, renames))
    .map((change) => rated(change, sides, renames));
  changes.push(...renamesOnTheirOwn(renames));
  const surface = await surfaceChanges(
    base.dereferenced,
    sides.working.dereferenced,
    baseFile,
    renamedTypes(renames),
  );
  changes.push(...surface);
  return changes.sort((a, b) => rank(b.impact) - rank(a.impact));
}

function rated(change: RedoclyChange, sides: Sides, renames: ComponentRename[]): Change {
  const place = placeOf(change);
  const { where, what } = describe(change, place, sides, renames);
  const own = reclassify(change, place, sides);
  if (!own) return { impact: change.impact, where, what };
  return { impact: own.impact, where, what: `${own.what} (Redocly rates it ${change.impact}.)` };
}
