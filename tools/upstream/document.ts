/**
 * Reading an OpenAPI document as plain JSON for the wire-fact comparison: its operations, their
 * parameters, a schema's types as its version reads them, and local `$ref`s followed to what
 * they point at. Anything the comparison cannot read is an UpstreamDocumentError.
 */

import { JsonPointerError, parsePointer, valueAt } from "../lib/json-pointer.ts";

// Both documents are read as plain JSON, whatever their OpenAPI version.
export type Node = Record<string, any>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface Document {
  root: Node;
  /** 3.0 reads `nullable: true` as "or null"; 3.1 has no such keyword and ignores it. */
  readsNullable: boolean;
}

export interface Operation {
  key: string; // `GET /o/{organisation_id}/issues`
  operation: Node;
  pathItem: Node;
  path: string;
}

export class UpstreamDocumentError extends Error {}

/** A list in the document, or none when it holds something else. */
export const listIn = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A mapping in the document, or an empty one when it holds something else. */
export const mapIn = (value: unknown): Node => (isSchema(value) && !Array.isArray(value) ? value : {});

export const isSchema = (value: unknown): value is Node => typeof value === "object" && value !== null;

export function document(root: Node): Document {
  if (typeof root !== "object" || root === null || typeof root.paths !== "object" || root.paths === null) {
    throw new UpstreamDocumentError("it is not an OpenAPI document: it has no `paths`");
  }
  return { root, readsNullable: String(root.openapi ?? "").startsWith("3.0") };
}

/** A schema's types as its version reads them, sorted: `null | string`; `any` when it names none. */
export function typeOf(doc: Document, schema: Node): string {
  const types: string[] = Array.isArray(schema.type) ? [...schema.type] : schema.type ? [schema.type] : [];
  if (doc.readsNullable && schema.nullable === true && types.length > 0 && !types.includes("null")) {
    types.push("null");
  }
  return types.length === 0 ? "any" : types.sort().join(" | ");
}

/** Follows a local `$ref` to what it points at, and says which component schema that is. */
export function resolve(
  doc: Document,
  node: Node | undefined,
): { node: Node | undefined; ref: string | undefined; component: string | undefined } {
  let current = node;
  let ref: string | undefined;
  for (let hops = 0; isSchema(current) && typeof current.$ref === "string"; hops++) {
    ref = current.$ref as string;
    if (!ref.startsWith("#/")) {
      throw new UpstreamDocumentError(`its \`$ref\` "${ref}" does not point inside the document`);
    }
    if (hops > 16) throw new UpstreamDocumentError(`its \`$ref\` "${ref}" is part of a cycle of references`);
    current = valueAt(doc.root, pointerOf(ref)) as Node | undefined;
    if (current === undefined) throw new UpstreamDocumentError(`its \`$ref\` "${ref}" points at nothing`);
  }
  // A whole component schema (`#/components/schemas/Issue`), not a part of one.
  const [group, kind, name, ...inside] = ref === undefined ? [] : pointerOf(ref);
  const component = group === "components" && kind === "schemas" && inside.length === 0 ? name : undefined;
  return { node: current, ref, component };
}

function pointerOf(ref: string): string[] {
  try {
    return parsePointer(ref);
  } catch (error) {
    if (!(error instanceof JsonPointerError)) throw error;
    throw new UpstreamDocumentError(`its \`$ref\` ${error.message}`);
  }
}

/** The operations tagged `issues` (upstream), or every operation (ours, which has only those). */
export function issueOperations(doc: Document, taggedOnly: boolean): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, raw] of Object.entries(mapIn(doc.root.paths))) {
    const pathItem = resolve(doc, raw).node ?? {};
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isSchema(operation)) continue;
      if (taggedOnly && !listIn(operation.tags).includes("issues")) continue;
      const key = `${method.toUpperCase()} ${path}`;
      operations.set(key, { key, operation, pathItem, path });
    }
  }
  return operations;
}

/** An operation's parameters by place and name: the path item's, overridden by the operation's. */
export function parametersOf(doc: Document, { pathItem, operation }: Operation) {
  const parameters = new Map<string, { node: Node; component: boolean }>();
  for (const raw of [...listIn(pathItem.parameters), ...listIn(operation.parameters)]) {
    const { node, ref } = resolve(doc, raw as Node);
    if (!node) continue;
    parameters.set(`${node.in} ${node.name}`, { node, component: ref !== undefined });
  }
  return parameters;
}
