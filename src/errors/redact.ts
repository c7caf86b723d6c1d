/**
 * Removing the token from what a server sent back, in every form an echo may take: as sent, and
 * percent-encoded (a URL in a header). JSON bodies are parsed first and their strings redacted,
 * so that a JSON escape (`\\/`, `\\u003c`) hides nothing.
 */
const REDACTED = "[REDACTED]";

export function redact(text: string, secret: string): string {
  return text.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
}

/** A copy of a parsed JSON value with `secret` redacted from every string in it. */
export function redactJson(value: unknown, secret: string): unknown {
  if (typeof value === "string") return redact(value, secret);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, secret));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redact(key, secret), redactJson(item, secret)]),
  );
}

/** A copy of `headers` with `secret` redacted from every value. */
export function redactHeaders(headers: Headers, secret: string): Headers {
  const copy = new Headers();
  for (const [name, value] of headers) copy.append(name, redact(value, secret));
  return copy;
}
