/**
 * `npm run release -- --redo [<kind>]`: makes the last release again, while it is not tagged,
 * from the release before it: after fixing a description, the same version, its snapshot and
 * its CHANGELOG.md entry rewritten, rather than a new version for each edit. Without `kind`, it
 * is a release of the same kind as before (2.0.0 → 2.1.0 stays minor); with one, the version
 * follows it (`--redo major` makes 3.0.0 in place of 2.1.0, and 2.1.0's snapshot goes).
 *
 * A tagged release may be published, and a published version never changes: when the tag
 * `v<version>` exists (tag.ts makes it), the redo refuses and says to make a new release. It
 * asks the local repository; tags made elsewhere count once fetched (`git fetch --tags`).
 */
import { messageOf, PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import { isTagged, tagOf } from "./git.ts";
import { refuseUnfinishedRelease } from "./journal.ts";
import { makeRelease, type ReleaseKind, type ReleaseOptions } from "./release.ts";
import { bump, bumpBetween, readVersion, releases } from "./versions.ts";

export async function redoRelease(
  kind: ReleaseKind | undefined,
  root = ROOT,
  options: ReleaseOptions = {},
): Promise<{ version: string; report: string }> {
  await refuseUnfinishedRelease(root);
  const { version } = await readVersion(root);
  const made = await releases(root);
  const last = made.at(-1);
  if (last === undefined || version !== last.version) {
    throw new PipelineError([
      `info.version is ${version}, but the last release is ${last?.version ?? "none"}: ` +
        "set it back, then redo that release",
    ]);
  }
  const since = made.at(-2);
  if (since === undefined) {
    throw new PipelineError([
      `${version} is the first release: there is no release before it to make it again from`,
    ]);
  }
  let tagged: boolean;
  try {
    tagged = await isTagged(root, version);
  } catch (error) {
    throw new PipelineError([
      `cannot tell whether ${version} was tagged (${messageOf(error)}): a redo needs the repository's tags`,
    ]);
  }
  if (tagged) {
    throw new PipelineError([
      `${tagOf(version)} exists: ${version} was tagged, and may be published, so it is never made again. ` +
        "Make a new release instead: npm run release -- <major|minor|patch>",
    ]);
  }
  const again = kind ?? (bumpBetween(since.version, version) as ReleaseKind);
  const next = bump(since.version, again);
  return makeRelease(
    {
      kind: again,
      since,
      next,
      replacing: version,
      instead: (needed) => `npm run release -- --redo ${needed}`,
    },
    root,
    options,
  );
}
