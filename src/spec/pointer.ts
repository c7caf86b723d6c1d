/**
 * The validator's locations, JSON pointers written as URI fragments (RFC 6901 §6: `#/labels/env`,
 * each segment percent-encoded), read as segments, and the segments written as the field paths
 * the API's Error body uses: `labels.env`, `[1].severity`, `labels["a.b"]`.
 */

/** `#/labels/a~1b` as the segments `["labels", "a/b"]`. */
export const segmentsOf = (pointer: string): string[] =>
  pointer
    .split("/")
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));

/** A JSON path in the form `labels.env`, `items[0].name` or `labels["a.b"]`; "" for the root. */
export function fieldPath(segments: readonly string[]): string {
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(segment)) return path ? `${path}.${segment}` : segment;
    return `${path}[${JSON.stringify(segment)}]`;
  }, "");
}

/** What `value` holds at `segments`, or undefined where nothing is. */
export const valueAt = (value: unknown, segments: readonly string[]): unknown =>
  segments.reduce<unknown>(
    (node, segment) =>
      typeof node === "object" && node !== null && Object.hasOwn(node, segment)
        ? (node as Record<string, unknown>)[segment]
        : undefined,
    value,
  );
