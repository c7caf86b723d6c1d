/**
 * The checks on what a test passes to the fake. A mistake fails at the call with a TypeError that
 * names the argument and says what it got, rather than as a property read on null later on, or
 * as a response that breaks the spec.
 */

export function misuse(rule: string): never {
  throw new TypeError(`fake Issues API: ${rule}`);
}

/** A bad value as a message shows it: its type where its text alone would mislead (`"5"` is not 5). */
export function shown(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? `a ${typeof value}` : String(value);
  }
  return "an object";
}

/** Whether `value` is a plain record of options or fields: not null, and not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `value` as a record of options; undefined means none. */
export function checkRecord<T extends object>(value: T | undefined, what: string): T {
  if (value === undefined) return {} as T;
  if (!isRecord(value)) misuse(`${what} must be an object, not ${shown(value)}`);
  return value;
}

/** An integer from `min` to `max`, such as a size or a time in milliseconds. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    misuse(`${name} must be an integer ${range}, not ${shown(value)}`);
  }
  return value as number;
}

export const checkPageSize = (value: unknown): number => checkInteger("maxPageSize", value, 1);

/** The longest time setTimeout can keep: longer ones would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647;
