/** What the install section reads of the bundled spec: a path parameter's example. */
import type { BundledSpec } from "../bundled-spec.ts";
import { operationsOf, resolvedObject } from "../spec-reading.ts";

/**
 * The example of the path parameter `name` (`organisation_id`), as the spec gives it: its
 * `example`, or else the first of its `examples` whose value is a string.
 */
export function parameterExample(spec: BundledSpec, name: string): string {
  for (const { pathItem, operation } of operationsOf(spec)) {
    const parameters = [...asList(pathItem.parameters), ...asList(operation.parameters)].map((p) =>
      resolvedObject(spec, p),
    );
    const parameter = parameters.find((p) => p.name === name && p.in === "path");
    if (!parameter) continue;
    if (typeof parameter.example === "string") return parameter.example;
    for (const named of Object.values(Object(parameter.examples) as Record<string, unknown>)) {
      const { value } = resolvedObject(spec, named);
      if (typeof value === "string") return value;
    }
  }
  throw new Error(`the spec has no path parameter ${name} with an example, which the docs' snippet uses`);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
