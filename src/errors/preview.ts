/**
 * A short, JSON-like rendering of a value for an error message: at most `length` characters and
 * `depth` levels, with "…" for what is left out. An answer that breaks the spec may be anything,
 * so this never throws: JSON.stringify of the whole value overflows the stack on one nested a few
 * thousand levels deep, and fails on a cycle or a BigInt.
 *
 * @example
 * preview({ a: { b: { c: { d: 1 } } } }); // '{"a":{"b":{"c":{…}}}}'
 */
export function preview(value: unknown, length = 200, depth = 3): string {
  let out = "";
  const write = (part: unknown, level: number): void => {
    if (typeof part === "string") {
      out += JSON.stringify(part.length > length ? part.slice(0, length) : part);
    } else if (typeof part !== "object" || part === null) {
      out += typeof part === "bigint" ? `${part}n` : String(part);
    } else if (level >= depth) {
      out += Array.isArray(part) ? "[…]" : "{…}";
    } else if (Array.isArray(part)) {
      out += "[";
      // Each loop stops once the text is long enough: a value may have a million entries.
      for (let i = 0; i < part.length && out.length <= length; i++) {
        if (i > 0) out += ",";
        write(part[i], level + 1);
      }
      out += "]";
    } else {
      out += "{";
      let first = true;
      for (const key in part) {
        if (out.length > length) break;
        if (!Object.hasOwn(part, key)) continue;
        out += `${first ? "" : ","}${JSON.stringify(key)}:`;
        first = false;
        write((part as Record<string, unknown>)[key], level + 1);
      }
      out += "}";
    }
  };
  try {
    write(value, 0);
  } catch {
    // A getter or a proxy that throws: what was written so far, cut off.
    out += "…";
  }
  return out.length > length ? `${out.slice(0, length)}…` : out;
}
