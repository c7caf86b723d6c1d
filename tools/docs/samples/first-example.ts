/**
 * The example a sample is made from: the first one the spec gives. A parameter or media type
 * carries either one `example` or named `examples`, each `{ value }` or a `$ref` to one in
 * components.
 */
import type { BundledSpec } from "../bundled-spec.ts";
import { isObject, resolved, type SpecObject } from "../spec-reading.ts";

/** The first example of a parameter or media type, as `{ value }`, or undefined if it has none. */
export function firstExample(spec: BundledSpec, holder: SpecObject): { value: unknown } | undefined {
  if (isObject(holder.examples)) {
    for (const example of Object.values(holder.examples)) {
      const entry = resolved(spec, example);
      if (isObject(entry) && Object.hasOwn(entry, "value")) return { value: entry.value };
    }
  }
  if (Object.hasOwn(holder, "example")) return { value: holder.example };
  return undefined;
}
