/** What the sections read of the bundled spec: its operations, with every local `$ref` followed. */
import { valueAt } from "../../lib/json-pointer.ts";
import type { BundledSpec } from "../bundled-spec.ts";

export type SpecNode = Record<string, unknown>;

/** One operation: its ID, its HTTP method in capitals, and its object in the spec. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  node: SpecNode;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The spec's operations, in the order the spec lists them. */
export function operationsOf(spec: BundledSpec): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(Object(spec.paths) as Record<string, unknown>)) {
    const pathItem = resolved(spec, item);
    for (const method of METHODS) {
      const node = pathItem[method];
      if (node === undefined) continue;
      const operation = resolved(spec, node);
      const operationId = String(operation.operationId ?? `${method.toUpperCase()} ${path}`);
      operations.push({ operationId, method: method.toUpperCase(), path, node: operation });
    }
  }
  return operations;
}

/** `node`, or what its `$ref` points at in the spec (followed until it is no `$ref`). */
export function resolved(spec: BundledSpec, node: unknown): SpecNode {
  const seen = new Set<string>();
  let current: unknown = node;
  for (;;) {
    const ref = (Object(current) as SpecNode).$ref;
    if (typeof ref !== "string") return Object(current) as SpecNode;
    if (seen.has(ref)) throw new Error(`the spec's $ref ${ref} refers to itself`);
    seen.add(ref);
    const target = valueAt(spec, ref);
    if (target === undefined) throw new Error(`the spec's $ref ${ref} points at nothing`);
    current = target;
  }
}

/**
 * The example of the path parameter `name` (`organisation_id`), as the spec gives it: its
 * `example`, or else the first of its `examples` whose value is a string.
 */
export function parameterExample(spec: BundledSpec, name: string): string {
  for (const { node, path } of operationsOf(spec)) {
    const item = resolved(spec, (spec.paths as SpecNode)[path]);
    const parameters = [...asList(item.parameters), ...asList(node.parameters)].map((p) => resolved(spec, p));
    const parameter = parameters.find((p) => p.name === name && p.in === "path");
    if (!parameter) continue;
    if (typeof parameter.example === "string") return parameter.example;
    for (const named of Object.values(Object(parameter.examples) as SpecNode)) {
      const { value } = resolved(spec, named);
      if (typeof value === "string") return value;
    }
  }
  throw new Error(`the spec has no path parameter ${name} with an example, which the docs' snippet uses`);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
