/**
 * One schema compiled into a check of a value: every field that breaks it, in the API's terms.
 * The validator, @cfworker/json-schema, interprets schemas without generating code, so the checks
 * run where `eval` is forbidden too (a page with a strict CSP, a worker).
 */
import { Validator, type Schema as ValidatorSchema } from "@cfworker/json-schema";
import type { ErrorField } from "../../generated/issues.js";
import type { Schema } from "./document.js";
import { type Problem, problemsOf } from "./messages.js";

export type { Problem } from "./messages.js";

/**
 * Checks a value against one schema: every bad field, or none. `noun` names what an unknown
 * property is (a `field` of a body, a `parameter` of a query).
 */
export type Check = (value: unknown, noun: "field" | "parameter") => Problem[];

export function compileSchema(schema: Schema): Check {
  const validator = new Validator(schema as ValidatorSchema, "2020-12", false);
  return (value, noun) => {
    const { valid, errors } = validator.validate(value);
    return valid ? [] : problemsOf(errors, { schema, value, noun });
  };
}

/** The API's ErrorField: the field and the message, without the value. */
export const asErrorField = ({ field, message }: Problem): ErrorField => ({ field, message });

/** The problems as one line, `field message; field message`, or undefined when there are none. */
export const explain = (problems: ErrorField[]): string | undefined =>
  problems.length === 0 ? undefined : problems.map(({ field, message }) => `${field} ${message}`).join("; ");
