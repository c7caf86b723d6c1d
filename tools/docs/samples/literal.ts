/** A JSON value written as a TypeScript literal, as a person would: `{ first: 50 }`. */

/** Property names that need no quotes: `first`, `resolutionStatus`, `$ref`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `value` as a TypeScript expression, on one line (prettier breaks it where it should). */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const properties = Object.entries(value).map(([name, item]) => `${propertyName(name)}: ${literal(item)}`);
    return properties.length === 0 ? "{}" : `{ ${properties.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}
