/**
 * One schema compiled into a check of a value: every field that breaks it, in the API's terms.
 * The validator, @cfworker/json-schema, interprets schemas without generating code, so the checks
 * run where `eval` is forbidden too (a page with a strict CSP, a worker).
 */
import { Validator, type Schema as ValidatorSchema } from "@cfworker/json-schema";
import type { ErrorField } from "../../generated/issues.js";
import type { Schema } from "./document.js";
import { type Problem, problemsOf } from "./messages.js";
import { fieldPath } from "./pointer.js";

export type { Problem } from "./messages.js";

/**
 * Checks a value against one schema: every bad field, or none. `noun` names what an unknown
 * property is (a `field` of a body, a `parameter` of a query).
 */
export type Check = (value: unknown, noun: "field" | "parameter") => Problem[];

export function compileSchema(schema: Schema): Check {
  const validator = new Validator(schema as ValidatorSchema, "2020-12", false);
  return (value, noun) => {
    let result: ReturnType<Validator["validate"]>;
    try {
      result = validator.validate(value);
    } catch (error) {
      // The validator percent-encodes every key it visits into a pointer (RFC 6901 §6), and
      // encodeURI throws on a lone surrogate, which JSON text may hold ("\ud800") but no
      // pointer can: such a key is the problem, named where it is.
      const found = error instanceof URIError ? illFormedKey(value) : undefined;
      if (!found) throw error;
      const message = `has a key that is not well-formed Unicode: ${JSON.stringify(found.key)}`;
      return [{ field: fieldPath(found.at) || "body", message, value: found.holder, cause: error }];
    }
    return result.valid ? [] : problemsOf(result.errors, { schema, value, noun });
  };
}

/** A lone surrogate: half of a UTF-16 pair without its other half. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The first key of `value`, at any depth, that holds a lone surrogate: the object that holds it,
 * and where that object is. It walks with a stack of its own, since a value may nest deeper
 * than recursion can follow.
 */
function illFormedKey(value: unknown): { key: string; holder: object; at: string[] } | undefined {
  const pending: { node: unknown; at: string[] }[] = [{ node: value, at: [] }];
  const seen = new Set<object>();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, at } = next;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const keys = Object.keys(node);
    const key = keys.find((name) => LONE_SURROGATE.test(name));
    if (key !== undefined) return { key, holder: node, at };
    for (const name of keys.reverse()) {
      pending.push({ node: (node as Record<string, unknown>)[name], at: [...at, name] });
    }
  }
  return undefined;
}

/** The API's ErrorField: the field and the message, without the value. */
export const asErrorField = ({ field, message }: Problem): ErrorField => ({ field, message });

/** The problems as one line, `field message; field message`, or undefined when there are none. */
export const explain = (problems: ErrorField[]): string | undefined =>
  problems.length === 0 ? undefined : problems.map(({ field, message }) => `${field} ${message}`).join("; ");
