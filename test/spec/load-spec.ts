/** The hand-written spec, parsed from YAML, with a resolver for its local `$ref`s. */
import { readFileSync } from "node:fs";
import { unescapePointerFragment } from "@redocly/openapi-core";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/temp-repo.ts";

// The tests read the spec as plain data, so its shape is checked by the assertions, not by types.
export type Node = any;

export const spec: Node = parse(readFileSync(join(REPO_ROOT, "openapi/issues.yaml"), "utf8"));

/** Follows `$ref`s (local JSON pointers) until it reaches a node that is not a reference. */
export function deref(node: Node): Node {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${node.$ref}`);
    const pointer: string = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`not a local $ref: ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map(unescapePointerFragment)
      .reduce((parent: Node, key) => parent?.[key], spec);
    if (current === undefined) throw new Error(`dangling $ref: ${pointer}`);
  }
  return current;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every operation, with its path, method and the path-level parameters merged in. */
export function operations(): Array<{ path: string; method: string; operation: Node; parameters: Node[] }> {
  return Object.entries(spec.paths as Record<string, Node>).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method],
      parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map(deref),
    })),
  );
}

export function operation(operationId: string) {
  const found = operations().find((entry) => entry.operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}
