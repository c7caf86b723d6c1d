/**
 * The validator's errors as the API's fields: where, in the body's terms, and what is wrong.
 */
import type { OutputUnit } from "@cfworker/json-schema";
import type { ErrorField } from "../../generated/issues.js";
import type { Schema } from "./document.js";
import { fieldPath, segmentsOf, valueAt } from "./pointer.js";

/** A field that breaks the spec: where, what is wrong, and the value found there. */
export interface Problem extends ErrorField {
  value: unknown;
}

/** What was validated: the schema, the value, and what an unknown property of it is called. */
export interface Checked {
  schema: Schema;
  value: unknown;
  noun: string;
}

/**
 * The keywords whose errors only say that something inside failed: the error inside it says
 * what, so these are left out of the report.
 */
const WRAPPERS = new Set([
  "properties",
  "additionalProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "$ref",
]);

/** The quoted words of a validator message: `"a"` and `"b"` in `… "a" … "b".`. */
const quoted = (text: string) => [...text.matchAll(/"([^"]*)"/g)].map((found) => found[1]!);

/** The comparison each limit keyword makes, in the words of a message. */
const LIMITS: Record<string, string> = {
  minimum: ">=",
  maximum: "<=",
  exclusiveMinimum: ">",
  exclusiveMaximum: "<",
  minLength: "at least this long:",
  maxLength: "at most this long:",
  minItems: "at least this many items:",
  maxItems: "at most this many items:",
};

export function problemsOf(units: OutputUnit[], checked: Checked): Problem[] {
  return units.filter((unit) => !WRAPPERS.has(unit.keyword)).map((unit) => toField(unit, checked));
}

/**
 * One validator error as the API's ErrorField. A dereferenced schema has no `$ref`, so the
 * keyword's own value (a pattern, a limit) is found by following the error's keywordLocation.
 */
function toField(unit: OutputUnit, { schema, value: instance, noun }: Checked): Problem {
  const { instanceLocation, keyword, keywordLocation, error } = unit;
  const segments = segmentsOf(instanceLocation);
  const keywordValue = valueAt(schema, segmentsOf(keywordLocation));
  let message = error.replace(/^Instance /, "").replace(/\.$/, "");
  if (keyword === "required") {
    segments.push(quoted(error)[0]!);
    message = "is required";
  } else if (keyword === "false") {
    message = `is not a known ${noun}`; // the `false` schema of additionalProperties: false
  } else if (keyword === "enum") {
    message = `must be one of ${(JSON.parse(error.slice(error.indexOf("["), -1)) as unknown[]).join(", ")}`;
  } else if (keyword === "type") {
    message = `must be ${quoted(error).slice(1).join(" or ")}`;
  } else if (keyword === "format") {
    message = `must be a ${quoted(error)[0]}`;
  } else if (keyword === "pattern") {
    message = `must match the pattern ${keywordValue}`;
  } else if (keyword in LIMITS && keywordValue !== undefined) {
    message = `must be ${LIMITS[keyword]} ${keywordValue}`;
  }
  // Only a body can be wrong as a whole (say, an array where an object belongs).
  return { field: fieldPath(segments) || "body", message, value: valueAt(instance, segments) };
}
