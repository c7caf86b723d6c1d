/**
 * Components renamed between the last release and the working spec: `components.parameters.First`
 * now `Limit`. Redocly reports a rename as one component removed and another added, besides
 * what changed where it is used; consumers see it at the places they use (the parameter renamed
 * on ListIssues) and in the exported type's name (`ParameterFirst` now `ParameterLimit`). So the
 * removal and the addition are left out of the changelog, and the type's new name is said once:
 * with the change at its use when there is one, or else as an entry of its own.
 *
 * A rename is found two ways: a change whose two sides sit in differently named components of
 * one section, or a component removed while another of the same section, alike in every other
 * way, was added. Schemas are left to classify.ts, which rates their renames itself.
 */
import { parsePointer } from "../lib/json-pointer.ts";
import type { Change } from "./change.ts";
import type { Sides } from "./place.ts";
import type { RedoclyChange } from "./redocly-diff.ts";

export interface ComponentRename {
  section: string;
  from: string;
  to: string;
  /** Whether a change at a use of the component says so (found the first way). */
  atUse: boolean;
}

/** The sections openapi-typescript exports a type for, each with its prefix: `ParameterFirst`. */
const PREFIXES: Record<string, string> = {
  responses: "Response",
  parameters: "Parameter",
  requestBodies: "RequestBody",
  headers: "Header",
  pathItems: "PathItem",
};

/** The exported type of `components.<section>.<name>`, or undefined when it has none. */
export const exportedType = (section: string, name: string): string | undefined =>
  PREFIXES[section] === undefined ? undefined : `${PREFIXES[section]}${name}`;

/** `#/components/parameters/First/name` as `["parameters", "First"]`; undefined elsewhere. */
function componentOf(pointer: string | undefined): [string, string] | undefined {
  const [group, section, name] = parsePointer(pointer ?? "");
  return group === "components" && section && name && section !== "schemas" ? [section, name] : undefined;
}

type Components = Record<string, Record<string, unknown> | undefined> | undefined;

export function componentRenames(changes: RedoclyChange[], sides: Sides): ComponentRename[] {
  const renames: ComponentRename[] = [];
  const known = (section: string, from: string) =>
    renames.some((r) => r.section === section && r.from === from);
  for (const change of changes) {
    const before = componentOf(change.base?.pointer);
    const after = componentOf(change.revision?.pointer);
    if (!before || !after || before[0] !== after[0] || before[1] === after[1]) continue;
    if (!known(before[0], before[1]))
      renames.push({ section: before[0], from: before[1], to: after[1], atUse: true });
  }
  const base = sides.base.bundled.components as Components;
  const working = sides.working.bundled.components as Components;
  for (const [section, components] of Object.entries(base ?? {})) {
    if (section === "schemas" || PREFIXES[section] === undefined) continue;
    const now = working?.[section] ?? {};
    const added = Object.keys(now).filter((name) => !(name in (components ?? {})));
    for (const [from, value] of Object.entries(components ?? {})) {
      if (from in now || known(section, from)) continue;
      const to = added.find((name) => JSON.stringify(now[name]) === JSON.stringify(value));
      if (to !== undefined) renames.push({ section, from, to, atUse: false });
    }
  }
  return renames;
}

/** Whether `change` is a renamed component's removal or addition as a whole. */
export function isRenameChurn(change: RedoclyChange, renames: ComponentRename[]): boolean {
  const [group, section, name, ...inside] = parsePointer(change.path);
  if (group !== "components" || inside.length > 0) return false;
  return renames.some(
    (rename) =>
      rename.section === section &&
      ((change.kind === "removed" && rename.from === name) ||
        (change.kind === "added" && rename.to === name)),
  );
}

/** The sentence that says a renamed component's type is renamed: for the change at its use. */
export function renameNote(change: RedoclyChange, renames: ComponentRename[]): string | undefined {
  const before = componentOf(change.base?.pointer);
  const rename = renames.find((r) => r.atUse && r.section === before?.[0] && r.from === before?.[1]);
  if (!rename) return undefined;
  const [from, to] = [exportedType(rename.section, rename.from), exportedType(rename.section, rename.to)];
  return `Its exported type \`${from}\` is now \`${to}\`: code that imports the old name no longer compiles.`;
}

/** The renames no change at a use says, each as a change of its own. */
export function renamesOnTheirOwn(renames: ComponentRename[]): Change[] {
  return renames
    .filter((rename) => !rename.atUse)
    .map((rename) => ({
      impact: "major",
      where: "exported types",
      what:
        `\`${exportedType(rename.section, rename.from)}\` is now \`${exportedType(rename.section, rename.to)}\`: ` +
        `the component \`${rename.from}\` was renamed to \`${rename.to}\`. Code that imports the old name no longer compiles.`,
    }));
}

/** The exported types that `renames` account for, which surface.ts need not report gone. */
export const renamedTypes = (renames: ComponentRename[]): Set<string> =>
  new Set(renames.map((rename) => exportedType(rename.section, rename.from)!));
