/**
 * Release versions: the one in package.json and the spec, which must agree, the release
 * snapshots in openapi/releases/ named by theirs, and the bump between two.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import semver from "semver";
import { PipelineError } from "../lib/command.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { bundleWorkingSpec } from "../pipeline/pipeline.ts";
import type { Impact } from "./change.ts";

export const RELEASES_DIR = "openapi/releases";
// What a release is judged by, where release.ts and the tests have always found it.
export { type Change, IMPACTS, type Impact, larger, rank, required } from "./change.ts";
export { diffSince } from "./diff-since.ts";

/** A release version, as `1.2.3`: semver without a prerelease or build part. */
export type Version = string;

export function parseVersion(text: string, where: string): Version {
  // valid() accepts a leading v and drops build metadata, so only an unchanged string passes.
  if (semver.valid(text) !== text || semver.prerelease(text)) {
    throw new PipelineError([`${where}: "${text}" is not a version of the form 1.2.3`]);
  }
  return text;
}

export const bump = (version: Version, impact: Impact): Version =>
  impact === "none" ? version : semver.inc(version, impact)!;

/** The bump that leads from `from` to `to`: none when equal; an error when `to` is lower. */
export function bumpBetween(from: Version, to: Version): Impact {
  if (semver.lt(to, from)) {
    throw new PipelineError([`info.version ${to} is lower than the last release, ${from}`]);
  }
  // Without prereleases, diff is major, minor or patch, or null when the two are equal.
  return (semver.diff(from, to) as Exclude<Impact, "none"> | null) ?? "none";
}

/** The working spec's version, which package.json's must equal. */
export async function readVersion(root = ROOT): Promise<{ version: Version; spec: Record<string, any> }> {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const spec = (await bundleWorkingSpec(root)) as Record<string, any>;
  if (pkg.version !== spec.info.version) {
    throw new PipelineError([
      `package.json's version ${pkg.version} and ${SPEC_FILE}'s info.version ${spec.info.version} disagree: they must be equal`,
    ]);
  }
  return { version: parseVersion(spec.info.version, `${SPEC_FILE} info.version`), spec };
}

/** Every release snapshot, oldest first. */
export async function releases(root = ROOT): Promise<Array<{ version: Version; file: string }>> {
  const names = (await readdir(join(root, RELEASES_DIR)).catch(() => [])).filter((name) =>
    name.endsWith(".json"),
  );
  const found = names.map((name) => ({
    version: parseVersion(name.slice(0, -5), `${RELEASES_DIR}/${name}`),
    file: join(RELEASES_DIR, name),
  }));
  return found.sort((a, b) => semver.compare(a.version, b.version));
}

/** The newest release snapshot, by version. */
export async function latestRelease(root = ROOT): Promise<{ version: Version; file: string }> {
  const latest = (await releases(root)).at(-1);
  if (!latest) throw new PipelineError([`${RELEASES_DIR}/ holds no release snapshot to compare with`]);
  return latest;
}
