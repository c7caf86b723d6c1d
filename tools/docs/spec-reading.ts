/**
 * Reading the bundled spec as plain JSON, for what the docs page adds to it (samples/,
 * sections/, redoc-options.ts): its operations, and its local `$ref`s followed. The spec's own
 * tests check its shape; this reads it loosely and names a `$ref` that leads nowhere.
 */
import { valueAt } from "../lib/json-pointer.ts";
import type { BundledSpec } from "./bundled-spec.ts";

/** A JSON object of the spec. */
export type SpecObject = Record<string, unknown>;

/** Whether `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is SpecObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The HTTP methods a path item may have an operation for (OpenAPI 3.1 §4.8.9). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * `value` with its `$ref` followed, as often as it takes: `#/components/parameters/First` is the
 * parameter itself. A bundled spec's `$ref`s are all local; one that is not, that leads nowhere
 * or that comes round again is an Error naming it.
 */
export function resolved(spec: BundledSpec, value: unknown): unknown {
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`the spec's $ref ${ref} is not local to the bundled spec`);
    if (seen.has(ref)) throw new Error(`the spec's $ref ${ref} refers to itself`);
    seen.add(ref);
    current = valueAt(spec, ref);
    if (current === undefined) throw new Error(`the spec's $ref ${ref} points at nothing`);
  }
  return current;
}

/** `value`, its `$ref` followed, as an object: an empty one when it is none. */
export function resolvedObject(spec: BundledSpec, value: unknown): SpecObject {
  const found = resolved(spec, value);
  return isObject(found) ? found : {};
}

/** The name a `$ref` ends with: `Issue` for `#/components/schemas/Issue`, else undefined. */
export function refName(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.$ref !== "string") return undefined;
  return value.$ref.split("/").at(-1);
}

/** One operation of the spec, its `$ref`s followed. */
export interface SpecOperation {
  /** Its operationId, or `GET /path` when it has none. */
  operationId: string;
  /** Upper case, as HTTP sends it: `GET`. */
  method: string;
  /** The path template, as `paths` names it. */
  path: string;
  pathItem: SpecObject;
  operation: SpecObject;
}

/** The spec's operations, in the order the spec lists them, whatever their method. */
export function operationsOf(spec: BundledSpec): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    const pathItem = resolvedObject(spec, item);
    for (const method of HTTP_METHODS) {
      if (!isObject(pathItem[method])) continue;
      const operation = resolvedObject(spec, pathItem[method]);
      const operationId =
        typeof operation.operationId === "string" ? operation.operationId : `${method.toUpperCase()} ${path}`;
      operations.push({ operationId, method: method.toUpperCase(), path, pathItem, operation });
    }
  }
  return operations;
}
