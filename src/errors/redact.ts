/** Replaces every occurrence of `secret` in a server's text with `[REDACTED]`. */
export const redact = (text: string, secret: string) => text.split(secret).join("[REDACTED]");

/** A copy of `headers` with `secret` redacted from every value. */
export function redactHeaders(headers: Headers, secret: string): Headers {
  const copy = new Headers();
  for (const [name, value] of headers) copy.append(name, redact(value, secret));
  return copy;
}
