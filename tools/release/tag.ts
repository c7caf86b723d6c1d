/**
 * `npm run release -- --tag`: the annotated tag `v<version>` on the commit that holds a release,
 * which the publish workflow (.github/workflows/publish.yml) listens for. It refuses a working
 * tree with changes (the tag would not hold them), a version with no release snapshot, a tag
 * that exists already, and a release that was stopped part way.
 */
import { PipelineError } from "../lib/command.ts";
import { ROOT } from "../lib/paths.ts";
import { git, isTagged, tagOf } from "./git.ts";
import { refuseUnfinishedRelease } from "./journal.ts";
import { latestRelease, readVersion } from "./versions.ts";

/** Tags the release at HEAD; resolves with the lines that report it and say what comes next. */
export async function tagRelease(root = ROOT): Promise<string[]> {
  await refuseUnfinishedRelease(root);
  const { version } = await readVersion(root);
  const release = await latestRelease(root);
  if (version !== release.version) {
    throw new PipelineError([
      `${version} is not a release (the newest snapshot is ${release.version}): run \`npm run release -- <kind>\` first`,
    ]);
  }
  if ((await git(root, "status", "--porcelain")) !== "") {
    throw new PipelineError(["the working tree has changes: commit the release first, then tag it"]);
  }
  const tag = tagOf(version);
  if (await isTagged(root, version))
    throw new PipelineError([`${tag} exists already: a release is tagged once`]);
  await git(root, "tag", "--annotate", tag, "--message", `versori-issues-api ${version}`);
  const commit = await git(root, "rev-parse", "--short", "HEAD");
  return [`tagged ${tag} at ${commit}`, `push it, and the publish workflow starts: git push origin ${tag}`];
}
