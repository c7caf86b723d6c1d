/**
 * JSON Pointers (RFC 6901), the one way tools/ reads a place in a document: a `$ref`, or a
 * path in Redocly's reports. Both write them as URI fragments, `#/components/schemas/Issue`;
 * the plain string form, `/components/schemas/Issue`, is read too.
 */

/** A pointer that RFC 6901 does not allow. Its message names the pointer and what is wrong. */
export class JsonPointerError extends Error {
  constructor(pointer: string, why: string) {
    super(`${JSON.stringify(pointer)} is not a JSON pointer: ${why}`);
    this.name = "JsonPointerError";
  }
}

/**
 * A pointer's reference tokens, unescaped: `#/paths/~1o~1{organisation_id}~1issues/get` gives
 * `["paths", "/o/{organisation_id}/issues", "get"]`, and `#` or `""` (the whole document) `[]`.
 * Throws a JsonPointerError for text that is not a pointer.
 */
export function parsePointer(pointer: string): string[] {
  // The fragment form is percent-encoded as well (RFC 6901 §6); the string form (§3) is not.
  const fragment = pointer.startsWith("#");
  const text = fragment ? pointer.slice(1) : pointer;
  if (text === "") return [];
  if (!text.startsWith("/")) throw new JsonPointerError(pointer, 'it does not start with "/" or "#/"');
  return text
    .slice(1)
    .split("/")
    .map((token) => unescapeToken(fragment ? percentDecoded(token) : token, pointer));
}

/** The pointer, as a URI fragment, to the place that `tokens` name: the inverse of parsePointer. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  const escaped = tokens.map((token) =>
    encodeFragment(String(token).replaceAll("~", "~0").replaceAll("/", "~1")),
  );
  return `#${escaped.map((token) => `/${token}`).join("")}`;
}

/**
 * What `pointer` (text, or tokens from parsePointer) points at in `document`; undefined when
 * nothing is there. Only a document's own members count: `#/constructor` points at nothing.
 */
export function valueAt(document: unknown, pointer: string | readonly string[]): unknown {
  const tokens = typeof pointer === "string" ? parsePointer(pointer) : pointer;
  let node = document;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      // An index is `0` or a number without leading zeros; `-` is past the end (RFC 6901 §4).
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (typeof node === "object" && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

/** `~1` as `/` and `~0` as `~`, in that order, so that `~01` is `~1` (RFC 6901 §4). */
function unescapeToken(token: string, pointer: string): string {
  const stray = /~(?![01])/.exec(token);
  if (stray) {
    throw new JsonPointerError(pointer, `"~" must be followed by 0 or 1 ("~0" is "~", "~1" is "/")`);
  }
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * A fragment's token with its percent-escapes decoded. Redocly writes fragments without
 * percent-encoding them, so a `%` that starts no escape (a property named `100%`) is itself.
 */
function percentDecoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/**
 * A token percent-encoded where a URI fragment needs it (RFC 3986 §3.5). `%` is always encoded,
 * so that parsePointer reads back the same token.
 */
const encodeFragment = (token: string) =>
  encodeURIComponent(token).replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (allowed) => decodeURIComponent(allowed));
