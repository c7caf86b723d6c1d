/**
 * "What changed", the introduction's last section: CHANGELOG.md as it is, below a line that
 * names the version the page documents, its title left out and its headings one level down, so
 * that releases are `<h3>`s; they are written as HTML, so that Redoc's sidebar shows the section
 * only (it lists every Markdown heading). Its text shows as written: a `<` or `&` outside code
 * is escaped, so that `Array<Issue>` is not read as a tag.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PipelineError } from "../../lib/command.ts";
import type { BundledSpec } from "../bundled-spec.ts";
import { fencedLines } from "./code-fences.ts";
import { shownAsWritten } from "./inline-markdown.ts";
import { demotedHeadings, headingIndexes, headingLevels } from "./markdown-sections.ts";

export const CHANGELOG_FILE = "CHANGELOG.md";
export const CHANGELOG_HEADING = "What changed";

/** The section's Markdown, from `root`'s CHANGELOG.md. */
export async function changelogSection(spec: BundledSpec, root: string): Promise<string> {
  const changelog = await readChangelog(root);
  const lines = changelog.split("\n");
  // The file's own title (`# Changelog`): the section's heading takes its place.
  const [first] = headingIndexes(lines, 1);
  const body = first === undefined ? lines : [...lines.slice(0, first), ...lines.slice(first + 1)];
  const { version } = Object(spec.info) as { version?: string };
  const released = headingIndexes(lines, 2).some((index) => lines[index]!.split(" ")[1] === version);
  const documents = `This page documents version ${version}.${released ? "" : ` It is not released yet: ${CHANGELOG_FILE} stops at the last release.`}`;
  return `## ${CHANGELOG_HEADING}\n\n${documents}\n\n${demotedHeadings(textShownAsWritten(body)).trim()}\n`;
}

/**
 * `lines` with the text of each paragraph (a run of lines up to a blank one, a heading or a code
 * block: a code span may go on over a line's end) shown as written; headings and code as they are.
 */
function textShownAsWritten(lines: string[]): string {
  const fenced = fencedLines(lines);
  const headings = headingLevels(lines);
  const isText = (index: number) => !fenced[index] && !headings.has(index) && lines[index]!.trim() !== "";
  const out: string[] = [];
  for (let index = 0; index < lines.length;) {
    if (!isText(index)) {
      out.push(lines[index]!);
      index++;
      continue;
    }
    let end = index;
    while (end < lines.length && isText(end)) end++;
    out.push(shownAsWritten(lines.slice(index, end).join("\n")));
    index = end;
  }
  return out.join("\n");
}

async function readChangelog(root: string): Promise<string> {
  const file = join(root, CHANGELOG_FILE);
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new PipelineError([
      `${CHANGELOG_FILE}: not found at ${file}; the docs page's "${CHANGELOG_HEADING}" section is its text`,
    ]);
  }
}
