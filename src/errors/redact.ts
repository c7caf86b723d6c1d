/**
 * Removing the token from what a server sent back, in every form an echo may take: as sent, and
 * percent-encoded (a URL in a header). An Error body is parsed first and the strings the client
 * keeps of it redacted, so that a JSON escape (`\\/`, `\\u003c`) hides nothing.
 */
const REDACTED = "[REDACTED]";

export function redact(text: string, secret: string): string {
  return text.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
}

/** A copy of `headers` with `secret` redacted from every value. */
export function redactHeaders(headers: Headers, secret: string): Headers {
  const copy = new Headers();
  for (const [name, value] of headers) copy.append(name, redact(value, secret));
  return copy;
}
