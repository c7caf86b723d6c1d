/**
 * The exported types a change touches, in the words of the changelog: `Issue.assignee`, and the
 * operations that send or return that type. Redocly reports a change to a shared schema once, at
 * its first use; the `pointer` of the file it found it in says where the schema really lives.
 */
import { formatPointer, parsePointer, valueAt } from "../lib/json-pointer.ts";

// The bundled spec is read as plain JSON, as the rest of the release tools do.
type Spec = Record<string, any>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `#/components/schemas/Issue/properties/assignee` as `Issue.assignee`; undefined elsewhere. */
export function typeMember(pointer: string | undefined): string | undefined {
  const [group, kind, name, ...inside] = parsePointer(pointer ?? "");
  if (group !== "components" || kind !== "schemas" || !name) return undefined;
  // The names that follow "properties": `Issue/properties/labels` gives `labels`.
  const members = inside.filter((_, i) => inside[i - 1] === "properties");
  return [name, ...members].join(".");
}

/**
 * Every component a node refers to, directly or through other components, by its pointer:
 * `#/components/schemas/Issue`.
 */
function reachable(spec: Spec, node: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (typeof (value as Spec).$ref === "string") follow((value as Spec).$ref);
    for (const child of Object.values(value)) visit(child);
  };
  const follow = (ref: string) => {
    if (!ref.startsWith("#/")) return;
    const tokens = parsePointer(ref);
    // A whole component (`#/components/schemas/Issue`), which is what the generated types name.
    if (tokens[0] !== "components" || tokens.length !== 3) return;
    const key = formatPointer(tokens);
    if (found.has(key)) return;
    found.add(key);
    visit(valueAt(spec, tokens));
  };
  visit(node);
  return found;
}

/** The operations whose responses return the schema `name`, and those whose requests send it. */
export function usesOf(spec: Spec, name: string): { returnedBy: string[]; sentBy: string[] } {
  const returnedBy: string[] = [];
  const sentBy: string[] = [];
  const schema = formatPointer(["components", "schemas", name]);
  for (const item of Object.values<Spec>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS.filter((verb) => item[verb])) {
      const operation = item[method];
      if (reachable(spec, operation.responses).has(schema)) returnedBy.push(operation.operationId);
      if (reachable(spec, operation.requestBody).has(schema)) sentBy.push(operation.operationId);
    }
  }
  return { returnedBy, sentBy };
}

/** `A`, `A and B`, `A, B and C`. */
export const inWords = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
