/**
 * An operation's path or query parameters: values arrive as strings, are read as their schemas'
 * types, and are checked together as one object, so that an unknown one is named too.
 */
import type { ErrorField } from "../../generated/issues.js";
import { asErrorField, compileSchema } from "./check.js";
import type { Parameter, SchemaObject } from "./document.js";

export interface CompiledParameters {
  /** The values as their types, checked: every bad one, or none. */
  parse(values: Record<string, string>): { typed: Record<string, unknown>; fields: ErrorField[] };
  /** The parameters with a default, and the default: filled in where a request leaves them out. */
  defaults: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * A query or path value as its schema's type: values arrive as strings, so `first=5` becomes the
 * integer 5. A value that does not read as the type stays a string, for the schema to refuse.
 */
export function coerce(value: string, schema: SchemaObject): unknown {
  const types = [schema.type].flat();
  if (
    (types.includes("integer") || types.includes("number")) &&
    value.trim() !== "" &&
    Number.isFinite(Number(value))
  ) {
    return Number(value);
  }
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

export function compileParameters(parameters: Parameter[], location: "path" | "query"): CompiledParameters {
  const own = parameters.filter((parameter) => parameter.in === location);
  const check = compileSchema({
    type: "object",
    properties: Object.fromEntries(own.map((parameter) => [parameter.name, parameter.schema])),
    required: own.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  });
  const schemas = new Map(own.map((parameter) => [parameter.name, parameter.schema]));
  const defaults = own.flatMap((parameter) =>
    parameter.schema.default === undefined || parameter.schema.default === null
      ? []
      : [[parameter.name, parameter.schema.default] as const],
  );
  return {
    parse(values) {
      const typed = Object.fromEntries(
        Object.entries(values).map(([name, value]) => {
          const schema = schemas.get(name);
          return [name, schema ? coerce(value, schema) : value];
        }),
      );
      return { typed, fields: check(typed, "parameter").map(asErrorField) };
    },
    defaults,
  };
}
