/** Reading the bundled spec as plain JSON: following its local `$ref`s. */
import type { BundledSpec } from "../bundled-spec.ts";

/** A JSON object of the spec, read loosely: the spec's own tests check its shape. */
export type SpecObject = Record<string, unknown>;

/** Whether `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is SpecObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `value` with its `$ref` followed, as often as it takes: `#/components/parameters/First` is the
 * parameter itself. A bundled spec's `$ref`s are all local; one that leads nowhere is an Error
 * naming it.
 */
export function resolved(spec: BundledSpec, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops === 20) throw new Error(`$ref ${ref} goes round in a loop`);
    current = pointer(spec, ref);
  }
  return current;
}

/** What a local `$ref` such as `#/components/schemas/Issue` points at. */
function pointer(spec: BundledSpec, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`$ref ${ref} is not local to the bundled spec`);
  let current: unknown = spec;
  for (const segment of ref.slice(2).split("/")) {
    const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(current) || !Object.hasOwn(current, key)) throw new Error(`$ref ${ref} points at nothing`);
    current = current[key];
  }
  return current;
}

/** The name a `$ref` ends with: `Issue` for `#/components/schemas/Issue`, else undefined. */
export function refName(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.$ref !== "string") return undefined;
  return value.$ref.split("/").at(-1);
}
