/**
 * Where each word of a POSIX sh script starts, as sh splits it: at unquoted blanks and line
 * breaks, with `'…'` and `"…"` quoting, a backslash escaping the next character outside single
 * quotes, and a backslash before a line break joining the lines. Enough for the curl samples,
 * one command over several lines; operators (`;`, `|`, `&&`) and comments are not told apart.
 */

/** The offset in `script` of each word's first character, a quote when the word begins with one. */
export function wordStarts(script: string): number[] {
  const starts: number[] = [];
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let at = 0; at < script.length; at += 1) {
    const char = script[at]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === "\\") {
      const joinsLines = script[at + 1] === "\n";
      if (!joinsLines && !inWord) {
        starts.push(at);
        inWord = true;
      }
      at += 1; // the escaped character, or the line break the backslash removes
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      continue;
    }
    if (char === " " || char === "\t" || char === "\n") {
      inWord = false;
      continue;
    }
    if (!inWord) {
      starts.push(at);
      inWord = true;
    }
    if (char === "'" || char === '"') quote = char;
  }
  return starts;
}

/**
 * `script` with `from` replaced by `to` at the start of each word that begins with it, quoted or
 * not (`'https://…/o/…'`), and nowhere else: not inside another word, such as a JSON body.
 * Undefined when no word begins with `from`.
 */
export function replaceWordPrefix(script: string, from: string, to: string): string | undefined {
  const at = wordStarts(script)
    .map((start) => (script[start] === "'" || script[start] === '"' ? start + 1 : start))
    .filter((start) => script.startsWith(from, start));
  if (at.length === 0) return undefined;
  let replaced = script;
  for (const start of at.reverse()) {
    replaced = `${replaced.slice(0, start)}${to}${replaced.slice(start + from.length)}`;
  }
  return replaced;
}
