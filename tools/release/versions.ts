/**
 * What the release tooling shares: the version in package.json and the spec, the release
 * snapshots in openapi/releases/, and Redocly's diff of the working spec against the newest one,
 * reclassified where Redocly's verdict is wrong for consumers of generated types and written
 * out in plain words.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import semver from "semver";
import { messageOf, PipelineError } from "../lib/command.ts";
import { runRedoclyCli } from "../lib/redocly.ts";
import { ROOT, SPEC_FILE } from "../lib/paths.ts";
import { unescapePointerFragment } from "@redocly/openapi-core";
import { bundleDereferenced, bundleWorkingSpec } from "../pipeline/pipeline.ts";
import { type Change, type Impact, larger, rank } from "./change.ts";
import { readSnapshot } from "./snapshot.ts";
import { parametersOnlyMoved, surfaceChanges } from "./surface.ts";
import { inWords, typeMember, usesOf } from "./type-names.ts";

export const RELEASES_DIR = "openapi/releases";
export { type Change, IMPACTS, type Impact, larger, rank } from "./change.ts";

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

/** The newest release snapshot, by version. */
export async function latestRelease(root = ROOT): Promise<{ version: Version; file: string }> {
  const names = (await readdir(join(root, RELEASES_DIR)).catch(() => [])).filter((name) =>
    name.endsWith(".json"),
  );
  const releases = names.map((name) => ({
    version: parseVersion(name.slice(0, -5), `${RELEASES_DIR}/${name}`),
    file: join(RELEASES_DIR, name),
  }));
  releases.sort((a, b) => semver.compare(a.version, b.version));
  const latest = releases.at(-1);
  if (!latest) throw new PipelineError([`${RELEASES_DIR}/ holds no release snapshot to compare with`]);
  return latest;
}

interface RedoclyChange {
  path: string;
  kind: string;
  impact: Impact;
  property?: string;
  verdicts: Array<{ ruleId: string; message: string }>;
  /** Where the change sits in each file: the pointer says where a shared schema really lives. */
  base?: { value?: unknown; pointer?: string };
  revision?: { value?: unknown; pointer?: string };
}

/** Why each of Redocly's breaking verdicts breaks a consumer of the generated types. */
/**
 * Why each of Redocly's breaking verdicts breaks a consumer of the generated types, said in the
 * direction that matters: what a reader of a response may now receive, what a caller may or must
 * now send. A verdict that can be about either side has both.
 */
const WHY: Record<string, string | { request: string; response: string }> = {
  "property-removed": {
    response:
      "Responses no longer include it: code that reads it no longer compiles, and old clients miss it.",
    request:
      "Callers can no longer send it: requests that do may be refused, and code that sets it no longer compiles.",
  },
  "required-properties-removed": {
    response:
      "Responses may now leave it out: the generated type makes it optional, so code that uses it directly no longer compiles.",
    request: "Callers may now leave it out.",
  },
  "required-properties-added":
    "Callers must now send it: requests without it are refused, and code that builds them no longer compiles.",
  "enum-values-removed":
    "Callers can no longer send it: requests that do are refused, and code that names it no longer compiles.",
  "enum-values-added":
    "Responses may now hold a value old code does not know: a switch over every value no longer compiles.",
  "schema-type-changed": "The generated type changes under code on both sides.",
  "schema-constraint-changed": "Requests that were valid may be refused.",
  "schema-combinator-changed": "The generated type changes shape under code on both sides.",
  "operation-removed": "Calls to it fail, and code that makes them no longer compiles.",
  "operation-id-changed": "The `operations` type loses the old name, and links to Versori's docs break.",
  "parameter-removed":
    "Callers can no longer send it: requests that do may be refused, and code that sets it no longer compiles.",
  "parameter-became-required":
    "Callers must now send it: requests without it are refused, and code that leaves it out no longer compiles.",
  "parameter-serialization-changed": "Requests serialised the old way are misread.",
  "request-body-became-required": "Callers must now send a body: requests without one are refused.",
  "request-body-removed": "Requests with a body may be refused, and code that sends one no longer compiles.",
  "media-type-removed": "Requests or responses in that format stop working.",
  "response-header-removed": "Responses no longer include the header: code that reads it gets nothing.",
  "security-requirement-changed": "Credentials that worked may be refused.",
  "security-scheme-changed": "Credentials that worked may be refused.",
};

/** Why a verdict breaks consumers, for the side of the API the change is on. */
function whyOf(ruleId: string, inResponse: boolean): string {
  const why = WHY[ruleId];
  if (why === undefined || typeof why === "string") return why ?? "";
  return inResponse ? why.response : why.request;
}

/**
 * Our reclassifications, documented in README. Redocly rates a value added to a request enum,
 * and a request field that stops being required, as patch; for generated types both widen what
 * a caller may send, a new capability: minor. A value added to or removed from a response enum
 * is always major, whatever Redocly says: an exhaustive switch over the generated union stops
 * compiling, and so does a `case` for the removed value. A schema removed from `components`
 * (or renamed) is major: `components["schemas"]` and its aliases are the types entry's API.
 */
function ownImpact(
  change: RedoclyChange,
  inResponse: boolean,
  parts: string[],
): [Impact, string] | undefined {
  if (parts[0] === "components" && parts[1] === "schemas" && parts.length === 3) {
    const why = "Code that names its type no longer compiles.";
    if (change.kind === "removed") return ["major", `Schema \`${parts[2]}\` was removed. ${why}`];
    if (change.property === "key") {
      return ["major", `Schema \`${String(change.base?.value)}\` was renamed to \`${parts[2]}\`. ${why}`];
    }
  }
  const before = change.base?.value;
  const after = change.revision?.value;
  if (!Array.isArray(before) || !Array.isArray(after)) return undefined;
  const added = after.filter((value) => !before.includes(value));
  const removed = before.filter((value) => !after.includes(value));
  if (change.property === "enum" && inResponse && (added.length > 0 || removed.length > 0)) {
    const what = [
      added.length > 0 && `gained ${added.join(", ")}`,
      removed.length > 0 && `lost ${removed.join(", ")}`,
    ];
    return [
      "major",
      `A response enum ${what.filter(Boolean).join(" and ")}. ${whyOf("enum-values-added", true)}`,
    ];
  }
  if (change.property === "enum" && added.length > 0) {
    return ["minor", `Values were added to a request enum: ${added.join(", ")}. Callers may send them.`];
  }
  if (change.property === "required" && !inResponse && removed.length > 0) {
    return [
      "minor",
      `Request fields are no longer required: ${removed.join(", ")}. Callers may leave them out.`,
    ];
  }
  return undefined;
}

/** Every change from the release snapshot `baseFile` to the working spec, most severe first. */
export async function diffSince(
  baseFile: string,
  working: Record<string, any>,
  root = ROOT,
): Promise<Change[]> {
  // Read, checked and bundled here, so that the diff gets a copy with nothing left to fetch.
  const snapshot = await readSnapshot(root, baseFile);
  const dir = await mkdtemp(join(tmpdir(), "issues-diff-"));
  try {
    const base = join(dir, "base.json");
    const revision = join(dir, "openapi.json");
    await writeFile(base, JSON.stringify(snapshot.bundled));
    await writeFile(revision, JSON.stringify(working));
    let stdout: string;
    try {
      ({ stdout } = await runRedoclyCli(
        [
          "diff",
          base,
          revision,
          "--format",
          "json",
          "--fail-on",
          "none",
          "--config",
          join(root, "tools/release/diff.redocly.yaml"),
        ],
        root,
      ));
    } catch (error) {
      throw new PipelineError([`${baseFile}: redocly diff failed: ${diffFailure(error)}`]);
    }
    const report = JSON.parse(stdout) as { changes: RedoclyChange[] };
    // Both sides with their references resolved, to name what a change's path points at.
    const specs: [Record<string, any>, Record<string, any>] = [
      (await bundleDereferenced(root)) as Record<string, any>,
      snapshot.dereferenced,
    ];
    // And with them: which operations use a component is read from its references.
    const bundled: [Record<string, any>, Record<string, any>] = [working, snapshot.bundled];
    const changes = report.changes
      .filter((change) => !isVersionBump(change))
      .map((change): Change => {
        const parts = change.path.slice(2).split("/").map(unescapePointerFragment);
        const inPaths = parts[0] === "paths";
        const rest = inPaths ? parts.slice(3) : parts;
        const inResponse = rest[0] === "responses";
        const context = inResponse
          ? `response ${rest[1]}`
          : rest[0] === "requestBody"
            ? "request body"
            : rest[0] === "parameters"
              ? rest[1] === undefined
                ? "parameters"
                : `parameter ${parameterName(specs, parts) ?? rest[1]}`
              : "";
        // A shared schema's change is reported once, at its first use: name the schema too.
        const schema = /^#\/components\/schemas\/([^/]+)/.exec(
          (change.verdicts[0] as { location?: { pointer?: string } } | undefined)?.location?.pointer ?? "",
        )?.[1];
        // A change to a component schema is a change to the exported type of that name.
        const member = typeMember(change.revision?.pointer ?? change.base?.pointer);
        const typeName = member?.split(".")[0];
        const uses = typeName
          ? usesOf(change.kind === "removed" ? bundled[1] : bundled[0], typeName)
          : undefined;
        const usedBy = uses && [
          uses.returnedBy.length > 0 && `returned by ${inWords(uses.returnedBy)}`,
          uses.sentBy.length > 0 && `sent by ${inWords(uses.sentBy)}`,
        ];
        const typeWhere = typeName && [`\`${typeName}\``, ...(usedBy ?? [])].filter(Boolean).join(", ");
        const where =
          typeWhere ||
          [
            inPaths
              ? `${parts[2] === "parameters" ? "path item" : (parts[2]?.toUpperCase() ?? "")} ${parts[1]}`.trim()
              : parts.slice(0, 3).join("."),
            context,
            schema && `schema ${schema}`,
          ]
            .filter(Boolean)
            .join(", ");
        const said = change.verdicts
          .map((verdict) => `${verdict.message} ${whyOf(verdict.ruleId, inResponse)}`.trim())
          .join(" ");
        // Changes without a verdict (descriptions, additions) in words of their own.
        const subject = rest
          .filter((part) => !["content", "application/json", "schema", "items", "properties"].includes(part))
          .slice(-1)[0];
        const verb =
          change.kind === "added"
            ? "added"
            : change.kind === "removed"
              ? "removed"
              : `changed${change.property ? ` (${change.property})` : ""}`;
        // In the direction that matters: what a reader may now receive, or a caller may now send.
        const inResponses = (uses?.returnedBy.length ?? 0) > 0;
        const inRequests = (uses?.sentBy.length ?? 0) > 0;
        const direction =
          change.kind === "added"
            ? [inResponses && "responses may now include it", inRequests && "callers may now send it"]
            : change.kind === "removed"
              ? [
                  inResponses && "responses no longer include it",
                  inRequests && "callers can no longer send it",
                ]
              : [];
        const said_ = direction.filter(Boolean).join(", and ");
        const plain =
          said ||
          (member
            ? `\`${member}\` ${verb}${said_ ? `: ${said_}` : ""}.`
            : `\`${subject ?? change.path}\` ${verb}.`);
        // Parameters that only moved between a path item and its operations: the same API.
        // (A parameter added or removed as a whole, at either level, not a change inside one.)
        const at = parts.indexOf("parameters");
        const wholeParameter = (at === 2 || at === 3) && parts.length <= at + 2;
        const addedOrRemoved = change.kind === "added" || change.kind === "removed";
        if (
          inPaths &&
          wholeParameter &&
          addedOrRemoved &&
          parametersOnlyMoved(parts[1]!, specs[0], specs[1])
        ) {
          const moved =
            "Parameters moved between the path item and its operations; each operation takes the same ones.";
          return { impact: "patch", where, what: `${moved} (Redocly rates it ${change.impact}.)` };
        }
        const own = ownImpact(change, inResponse, parts);
        if (own && own[0] !== change.impact && larger(own[0], change.impact) === own[0]) {
          return { impact: own[0], where, what: `${own[1]} (Redocly rates it ${change.impact}.)` };
        }
        return { impact: change.impact, where, what: plain };
      });
    changes.push(...(await surfaceChanges(specs[1], specs[0], baseFile)));
    return changes.sort((a, b) => rank(b.impact) - rank(a.impact));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The line of Redocly's output that says why the diff failed: its first line that is not its
 * banner (a box of `║`), a blank or a stack frame; the error's message when there is none.
 */
function diffFailure(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? "");
  const said = stderr
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "" && !/^[╔║╚]/.test(line) && !line.startsWith("at "));
  return said ?? messageOf(error).split("\n", 1)[0]!;
}

/**
 * The release's own version bump, which is not a change to the API. Redocly reports it on
 * `#/info` with the property `version`; a patch verdict for it made every bump a change itself.
 */
function isVersionBump(change: RedoclyChange): boolean {
  return change.path === "#/info" && change.property === "version";
}

/** The name of the parameter at `paths/<route>/<method>/parameters/<i>`, in either spec. */
function parameterName(specs: Array<Record<string, any>>, parts: string[]): string | undefined {
  const at = parts.slice(0, parts.indexOf("parameters") + 2);
  for (const spec of specs) {
    const name = at.reduce((node, key) => node?.[key], spec as any)?.name;
    if (typeof name === "string") return name;
  }
  return undefined;
}

export const required = (changes: Change[]): Impact =>
  changes.reduce<Impact>((max, change) => larger(max, change.impact), "none");
