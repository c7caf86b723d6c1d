/** The requests the fake has seen, most recent last, as a test reads them after the fact. */

export interface RecordedRequest {
  method: string;
  /** The request target: path and query string. */
  path: string;
  /** The status sent, or 0 while the response is held back or when it was dropped. */
  status: number;
  /** Present when the answer was sent with `respondUncheckedNext`, unchecked against the spec. */
  unchecked?: true;
}

/** How many requests the log keeps: a long test's log stays small. */
const REQUEST_LOG_LIMIT = 10_000;

export class RequestLog {
  /** The most recent requests, oldest first; the fake's `requests`. */
  readonly entries: RecordedRequest[] = [];

  /** Records a request as it arrives; its entry gets its status when the answer is sent. */
  record(method: string, url: URL): RecordedRequest {
    const entry: RecordedRequest = { method, path: url.pathname + url.search, status: 0 };
    if (this.entries.length >= REQUEST_LOG_LIMIT) this.entries.shift();
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
