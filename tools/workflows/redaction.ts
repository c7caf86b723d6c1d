/**
 * Hiding the API key in what a workflow run prints and writes. A server may echo the key back
 * (an error body that repeats the Authorization header), and respect prints such bodies, so the
 * key is removed from everything respect says before anyone sees it, as the client removes it
 * from its errors (src/errors/redact.ts, whose `redact` does the work here too).
 */
import { redact } from "../../src/errors/redact.ts";

/**
 * Removes `secret` from a text in every form an echo of it may take there: as sent and
 * percent-encoded (`redact`), and JSON-escaped, as respect prints a JSON body and writes its
 * JSON report.
 */
export function redactor(secret: string): (text: string) => string {
  if (secret === "") return (text) => text;
  const escaped = JSON.stringify(secret).slice(1, -1);
  return (text) => {
    const redacted = redact(text, secret);
    return escaped === secret ? redacted : redact(redacted, escaped);
  };
}

/**
 * Passes text on a whole line at a time, redacted: a key that arrives split over two chunks is
 * still whole when it is looked for. `end` passes on the last, unfinished line.
 */
export function redactedLines(
  redactText: (text: string) => string,
  write: (text: string) => void,
): { write(chunk: string): void; end(): void } {
  let pending = "";
  return {
    write(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf("\n") + 1;
      if (end === 0) return;
      write(redactText(pending.slice(0, end)));
      pending = pending.slice(end);
    },
    end() {
      if (pending !== "") write(redactText(pending));
      pending = "";
    },
  };
}
