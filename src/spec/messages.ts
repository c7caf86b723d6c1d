/**
 * The validator's errors as the API's fields: where, in the body's terms, and what is wrong. Only
 * the structured parts of an error are read (its keyword, instance location and keyword location),
 * never its English: the field comes from where the value is, and the expectation (the allowed
 * values, a limit, a pattern) from the schema at the keyword's location.
 */
import type { OutputUnit } from "@cfworker/json-schema";
import type { ErrorField } from "../../generated/issues.js";
import type { Schema } from "./document.js";
import { fieldPath, segmentsOf, valueAt } from "./pointer.js";

/** A field that breaks the spec: where, what is wrong, and the value found there. */
export interface Problem extends ErrorField {
  value: unknown;
  /** What stopped the validator, when it could not check the value as it stands. */
  cause?: unknown;
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
  "patternProperties",
  "unevaluatedProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "$ref",
]);

/** The comparison each limit keyword makes, before the schema's number. */
const LIMITS: Record<string, string> = {
  minimum: "must be >=",
  maximum: "must be <=",
  exclusiveMinimum: "must be >",
  exclusiveMaximum: "must be <",
  minLength: "must be at least this long:",
  maxLength: "must be at most this long:",
  minItems: "must be at least this many items:",
  maxItems: "must be at most this many items:",
  minProperties: "must have at least this many properties:",
  maxProperties: "must have at most this many properties:",
  multipleOf: "must be a multiple of",
};

const list = (values: unknown) => [values].flat().join(", ");

/** What the schema asks for, in the words of a message; `expected` is the keyword's value. */
function expectation(keyword: string, expected: unknown, keywordLocation: string): string {
  if (keyword in LIMITS) return `${LIMITS[keyword]} ${expected}`;
  switch (keyword) {
    case "enum":
      return `must be one of ${list(expected)}`;
    case "const":
      return `must be ${JSON.stringify(expected)}`;
    case "type":
      return `must be ${[expected].flat().join(" or ")}`;
    case "format":
      return `must be a ${expected}`;
    case "pattern":
      return `must match the pattern ${expected}`;
    case "uniqueItems":
      return "must hold no item twice";
    case "not":
      return `must not match the schema at ${keywordLocation}`;
    default:
      // oneOf, if/then/else, contains and the like: the schema says more than words would.
      return `must match the schema at ${keywordLocation}`;
  }
}

/**
 * Every error the validator reported, as fields. A `required` error is one per missing property,
 * and says which only in its English: the missing properties are read from the schema and the
 * value instead, once for each object and `required` keyword.
 */
export function problemsOf(units: OutputUnit[], { schema, value, noun }: Checked): Problem[] {
  const problems: Problem[] = [];
  const problem = (segments: string[], message: string) =>
    // Only a body can be wrong as a whole (say, an array where an object belongs).
    problems.push({ field: fieldPath(segments) || "body", message, value: valueAt(value, segments) });
  const required = new Set<string>();
  for (const { keyword, instanceLocation, keywordLocation } of units) {
    if (WRAPPERS.has(keyword)) continue;
    const segments = segmentsOf(instanceLocation);
    if (keyword === "false") {
      // The `false` schema of `additionalProperties: false`, at the property it refuses.
      problem(segments, `is not a known ${noun}`);
      continue;
    }
    const expected = valueAt(schema, segmentsOf(keywordLocation));
    if (keyword !== "required") {
      problem(segments, expectation(keyword, expected, keywordLocation));
    } else if (!required.has(`${instanceLocation} ${keywordLocation}`)) {
      required.add(`${instanceLocation} ${keywordLocation}`);
      const holder = valueAt(value, segments) as object;
      for (const name of expected as string[]) {
        if (!Object.hasOwn(holder, name)) problem([...segments, name], "is required");
      }
    }
  }
  return problems;
}
