/**
 * The fake as a `fetch`, for a client in the same process: no socket, no port. It behaves as a
 * network would at the edges: an aborted request gets no answer, and a dropped answer rejects
 * as a reset connection does.
 */

/** Answers one request; resolves with undefined when the answer is to be dropped. */
export type Handle = (request: Request) => Promise<Response | undefined>;

export function inProcessFetch(handle: Handle) {
  return async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const response = await handle(request);
    request.signal.throwIfAborted(); // the client gave up meanwhile: it gets no answer
    if (!response) throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    return response;
  };
}
