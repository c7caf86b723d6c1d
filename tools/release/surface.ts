/**
 * What the release gate adds to Redocly's diff for consumers of the generated types: the
 * TypeScript surface they compile against. Redocly judges the wire; these judge the names.
 *
 * - Every name generated/issues.ts exports (`Issue`, `ResponseNotFound`, `ParameterFirst`),
 *   from openapi-typescript run on both specs: a name that disappears breaks every import of it.
 * - The keys of `paths`: renaming a path parameter (`{organisation_id}` → `{org_id}`) keeps
 *   the URLs, so Redocly rates it patch, but `paths["/o/{organisation_id}/issues"]` and
 *   `params.path.organisation_id` stop compiling.
 * - Parameters moved between a path item and its operations, each operation taking the same
 *   ones as before: the same API, which Redocly rates major.
 */
import { messageOf, PipelineError } from "../lib/command.ts";
import { SPEC_FILE } from "../lib/paths.ts";
import { compileTypes, GENERATOR_PACKAGE } from "../pipeline/generator.mjs";
import type { Change } from "./change.ts";

// The specs are read as plain JSON, as the rest of the release tools do.
type Spec = Record<string, any>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `export type Issue = …` and `export interface paths {` give `Issue` and `paths`. */
function exportedNames(types: string): Set<string> {
  return new Set([...types.matchAll(/^export (?:type|interface) (\w+)/gm)].map((found) => found[1]!));
}

/** A path key with its parameter names left out: `/o/{}/issues`. Two keys alike this way are one URL. */
const urlShape = (path: string) => path.replace(/\{[^}]*\}/g, "{}");

/**
 * The names a spec's generated types export. Remembered by the spec's text: the last release is
 * the same for every diff in a process (the test corpus makes dozens).
 */
const namesBySpec = new Map<string, Promise<Set<string>>>();
function exportsOf(spec: Spec, file: string): Promise<Set<string>> {
  const key = JSON.stringify(spec);
  let names = namesBySpec.get(key);
  if (!names) {
    names = compileTypes(spec).then(exportedNames, (error: unknown) => {
      // Named by the file it came from: a release snapshot can be what fails to compile.
      throw new PipelineError([`${file}: ${GENERATOR_PACKAGE} could not compile it: ${messageOf(error)}`]);
    });
    namesBySpec.set(key, names);
  }
  return names;
}

/**
 * Changes to the exported names and the keys of `paths`, from `base` (the last release, read
 * from `baseFile`) to `working`. The names in `renamed` are left out: a renamed component's
 * type is reported with the rename (renames.ts).
 */
export async function surfaceChanges(
  base: Spec,
  working: Spec,
  baseFile: string,
  renamed: Set<string> = new Set(),
): Promise<Change[]> {
  const [before, after] = await Promise.all([exportsOf(base, baseFile), exportsOf(working, SPEC_FILE)]);
  const changes: Change[] = [];
  for (const name of before) {
    if (after.has(name) || renamed.has(name)) continue;
    changes.push({
      impact: "major",
      where: "exported types",
      what: `\`${name}\` is no longer exported: its component was removed or renamed. Code that imports it no longer compiles.`,
    });
  }
  const workingPaths = Object.keys(working.paths ?? {});
  for (const path of Object.keys(base.paths ?? {})) {
    if (working.paths?.[path]) continue;
    const renamed = workingPaths.find((other) => urlShape(other) === urlShape(path));
    if (!renamed) continue; // a path that is gone: Redocly reports its operations removed
    changes.push({
      impact: "major",
      where: `paths["${path}"]`,
      what:
        `Its path parameters were renamed: the key is now \`${renamed}\`, for the same URLs. ` +
        "Code that names the path or sets its path parameters by name no longer compiles.",
    });
  }
  return changes;
}

/**
 * Whether the parameters of the path `route` only moved between the path item and its
 * operations: every operation takes the same parameters (by `in` and name) in both specs.
 */
export function parametersOnlyMoved(route: string, working: Spec, base: Spec): boolean {
  const before = base.paths?.[route];
  const after = working.paths?.[route];
  if (!before || !after) return false;
  const taken = (item: Spec, method: string) =>
    [...(item.parameters ?? []), ...(item[method]?.parameters ?? [])]
      .map((parameter: Spec) => `${parameter.in}:${parameter.name}`)
      .sort()
      .join(",");
  const methods = HTTP_METHODS.filter((method) => after[method] || before[method]);
  return methods.every(
    (method) => before[method] && after[method] && taken(before, method) === taken(after, method),
  );
}
