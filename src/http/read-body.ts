/** One decoder for every body: decoding a whole body at once keeps no state between calls. */
const decoder = new TextDecoder();

/**
 * Reads a response body as text, up to `limit` bytes. Resolves with undefined, having cancelled
 * the rest, when the body is bigger: a server cannot make the client fill its memory. Rejects
 * with `signal`'s reason when it aborts, even if the `fetch` that made the response ignored it.
 */
export async function readBody(
  response: Response,
  limit: number,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (Number(response.headers.get("content-length")) > limit || !response.body) {
    void response.body?.cancel().catch(() => {});
    return response.body ? undefined : "";
  }
  const reader = response.body.getReader();
  signal.onabort = () => void reader.cancel().catch(() => {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    signal.throwIfAborted();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  // Most bodies arrive in one chunk; a longer one is joined once, then decoded.
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(body);
}
