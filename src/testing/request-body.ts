/**
 * A request's body, read no further than the fake's limit: a body over it is refused before it is
 * buffered, so that one large upload cannot take the test's memory.
 */

/** `maxBodyBytes`' default: far above any request of the API, far below a test's memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body as text, or undefined when it holds more than `maxBytes` bytes. A declared
 * Content-Length over the limit is refused without reading; a body of unknown length (chunked,
 * or a stream) is counted as it arrives, and reading stops at the first byte over the limit. The
 * body is cancelled either way, so its source stops sending.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string | undefined> {
  const body = request.body;
  if (!body) return "";
  const refuse = () => {
    // The source's answer to a cancel does not matter: the refusal is sent regardless.
    body.cancel().catch(() => {});
    return undefined;
  };
  if (Number(request.headers.get("content-length")) > maxBytes) return refuse();
  const reader = body.getReader();
  const decoder = new TextDecoder(); // as Request.text() decodes: UTF-8, a leading BOM dropped
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return refuse();
    }
    text += decoder.decode(value, { stream: true });
  }
}
