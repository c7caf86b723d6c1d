/**
 * Placing sections in the introduction's Markdown, where each `## ` heading starts a section
 * (and becomes an entry of Redoc's sidebar). Lines inside fenced code blocks are never headings.
 */
import { fencedLines } from "./code-fences.ts";
import { headingHtml } from "./inline-markdown.ts";

/** The indexes of the lines of `lines` that are headings of `level` (2 for `## `), outside code blocks. */
export function headingIndexes(lines: string[], level: number): number[] {
  const marker = `${"#".repeat(level)} `;
  const fenced = fencedLines(lines);
  return [...lines.keys()].filter((index) => !fenced[index] && lines[index]!.startsWith(marker));
}

/** `markdown` with `section` before its `## heading`, or before its first section when it has none. */
export function insertBefore(markdown: string, heading: string, section: string): string {
  const lines = markdown.split("\n");
  const sections = headingIndexes(lines, 2);
  const at = sections.find((index) => lines[index] === `## ${heading}`) ?? sections[0];
  if (at === undefined) return appendSection(markdown, section);
  return [...lines.slice(0, at), ...section.trimEnd().split("\n"), "", ...lines.slice(at)].join("\n");
}

/** `markdown` with `text` at the end of its `## heading` section, or in a new one at the end. */
export function appendToSection(markdown: string, heading: string, text: string): string {
  const lines = markdown.split("\n");
  const sections = headingIndexes(lines, 2);
  const start = sections.find((index) => lines[index] === `## ${heading}`);
  if (start === undefined) return appendSection(markdown, `## ${heading}\n\n${text}`);
  let end = sections.find((index) => index > start) ?? lines.length;
  while (end > start + 1 && lines[end - 1]!.trim() === "") end--;
  const after = lines.slice(end);
  // The blank lines before the next heading are kept after the text; one is added where none was.
  const gap = after.length > 0 && after[0]!.trim() !== "" ? [""] : [];
  return [...lines.slice(0, end), "", ...text.trimEnd().split("\n"), ...gap, ...after].join("\n");
}

/** `markdown` with `section` at its end. */
export const appendSection = (markdown: string, section: string): string =>
  `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`;

/** The lines of `lines` that are headings, outside code blocks, and their levels (2 for `## `). */
export function headingLevels(lines: string[]): Map<number, number> {
  const levels = new Map<number, number>();
  for (const level of [1, 2, 3, 4, 5])
    for (const index of headingIndexes(lines, level)) levels.set(index, level);
  return levels;
}

/**
 * Every heading one level down (`## 2.0.0` to an `<h3>`), outside code blocks, written as HTML:
 * Redoc makes every Markdown heading, whatever its level, an entry of its sidebar, and HTML
 * headings none. Its code spans become `<code>`, the rest of its text is escaped.
 */
export function demotedHeadings(markdown: string): string {
  const lines = markdown.split("\n");
  const levels = headingLevels(lines);
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    const level = levels.get(index);
    if (level === undefined) {
      out.push(line);
      continue;
    }
    // An HTML block runs to the next blank line: without one, the text after it would be HTML too.
    if (out.length > 0 && out.at(-1)!.trim() !== "") out.push("");
    out.push(`<h${level + 1}>${headingHtml(headingText(line, level))}</h${level + 1}>`);
    if (index + 1 < lines.length && lines[index + 1]!.trim() !== "") out.push("");
  }
  return out.join("\n");
}

/** A heading line's text: without its `#`s, nor the closing `#`s it may end with (`## 2.0.0 ##`). */
function headingText(line: string, level: number): string {
  const text = line.slice(level + 1).trim();
  const closing = text.replace(/#+$/, "");
  return closing === "" || closing.endsWith(" ") ? closing.trim() : text;
}
