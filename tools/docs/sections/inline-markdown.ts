/**
 * The text of a Markdown line, kept as written when Redoc renders it: its Markdown reads raw HTML
 * as HTML, so `Array<Issue>` would become a tag and vanish. Code spans (CommonMark §6.1) are left
 * alone, since `&lt;` in one would show as it is.
 */

/** A run of text, or a code span with its backticks. */
interface Piece {
  code: boolean;
  text: string;
}

/**
 * `text` cut into code spans and the text between: a run of n backticks opens a span that the
 * next run of exactly n closes; a run with no such match is text.
 */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let plain = "";
  let at = 0;
  while (at < text.length) {
    if (text[at] === "\\" && at + 1 < text.length) {
      plain += text.slice(at, at + 2);
      at += 2;
      continue;
    }
    if (text[at] !== "`") {
      plain += text[at];
      at++;
      continue;
    }
    const ticks = backtickRun(text, at);
    const close = closingRun(text, at + ticks.length, ticks.length);
    if (close === undefined) {
      plain += ticks;
      at += ticks.length;
      continue;
    }
    if (plain) out.push({ code: false, text: plain });
    plain = "";
    out.push({ code: true, text: text.slice(at, close + ticks.length) });
    at = close + ticks.length;
  }
  if (plain) out.push({ code: false, text: plain });
  return out;
}

function backtickRun(text: string, from: number): string {
  let end = from;
  while (text[end] === "`") end++;
  return text.slice(from, end);
}

/** Where the next run of exactly `length` backticks from `from` starts, if there is one. */
function closingRun(text: string, from: number, length: number): number | undefined {
  for (let at = text.indexOf("`", from); at !== -1;) {
    const run = backtickRun(text, at);
    if (run.length === length) return at;
    at = text.indexOf("`", at + run.length);
  }
  return undefined;
}

/** `<https://…>` and `<name@host>`, which Markdown makes links (CommonMark §6.5). */
const AUTOLINK =
  /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>/;

/** Markdown text with each `<` and `&` outside code spans escaped; autolinks and `\<` stay. */
export function shownAsWritten(text: string): string {
  return pieces(text)
    .map(({ code, text }) => (code ? text : escapeText(text)))
    .join("");
}

function escapeText(text: string): string {
  let out = "";
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (char === "\\" && at + 1 < text.length) {
      out += text.slice(at, at + 2);
      at++;
    } else if (char === "<") {
      const link = AUTOLINK.exec(text.slice(at))?.[0];
      out += link ?? "&lt;";
      if (link) at += link.length - 1;
    } else out += char === "&" ? "&amp;" : char;
  }
  return out;
}

/**
 * A heading's Markdown text as HTML: code spans as `<code>`, the rest escaped, with backslash
 * escapes (`\*`) read. Other inline Markdown stays as it is written.
 */
export function headingHtml(text: string): string {
  return pieces(text)
    .map(({ code, text }) =>
      code ? `<code>${escapeHtml(codeContent(text))}</code>` : escapeHtml(unescaped(text)),
    )
    .join("");
}

/** A code span's content: without its backticks, and one space each side stripped when both have one. */
function codeContent(span: string): string {
  const ticks = backtickRun(span, 0).length;
  const inner = span.slice(ticks, -ticks);
  return inner.length > 2 && inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== ""
    ? inner.slice(1, -1)
    : inner;
}

/** Text with Markdown's backslash escapes of ASCII punctuation read (`\*` is `*`). */
const unescaped = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, "$1");

export const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
