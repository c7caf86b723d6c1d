/**
 * The exported types a change touches, in the words of the changelog: `Issue.assignee`, and the
 * operations that send or return that type. Redocly reports a change to a shared schema once, at
 * its first use; the `pointer` of the file it found it in says where the schema really lives.
 */
import { unescapePointerFragment } from "@redocly/openapi-core";

// The bundled spec is read as plain JSON, as the rest of the release tools do.
type Spec = Record<string, any>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `#/components/schemas/Issue/properties/assignee` as `Issue.assignee`; undefined elsewhere. */
export function typeMember(pointer: string | undefined): string | undefined {
  const parts = (pointer ?? "").replace(/^#\//, "").split("/").map(unescapePointerFragment);
  if (parts[0] !== "components" || parts[1] !== "schemas" || !parts[2]) return undefined;
  // The names that follow "properties": `Issue/properties/labels` gives `labels`.
  const members = parts.slice(3).filter((_, i, all) => all[i - 1] === "properties");
  return [parts[2], ...members].join(".");
}

/** Every component a node refers to, directly or through other components: `schemas/Issue`. */
function reachable(spec: Spec, node: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    for (const [, kind, name] of JSON.stringify(value ?? null).matchAll(
      /"#\/components\/(\w+)\/([^"/]+)"/g,
    )) {
      const key = `${kind}/${unescapePointerFragment(name!)}`;
      if (found.has(key)) continue;
      found.add(key);
      visit(spec.components?.[kind!]?.[unescapePointerFragment(name!)]);
    }
  };
  visit(node);
  return found;
}

/** The operations whose responses return the schema `name`, and those whose requests send it. */
export function usesOf(spec: Spec, name: string): { returnedBy: string[]; sentBy: string[] } {
  const returnedBy: string[] = [];
  const sentBy: string[] = [];
  for (const item of Object.values<Spec>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS.filter((verb) => item[verb])) {
      const operation = item[method];
      if (reachable(spec, operation.responses).has(`schemas/${name}`)) returnedBy.push(operation.operationId);
      if (reachable(spec, operation.requestBody).has(`schemas/${name}`)) sentBy.push(operation.operationId);
    }
  }
  return { returnedBy, sentBy };
}

/** `A`, `A and B`, `A, B and C`. */
export const inWords = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
