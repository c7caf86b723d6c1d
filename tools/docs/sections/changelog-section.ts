/**
 * "What changed", the introduction's last section: CHANGELOG.md as it is, below a line that
 * names the version the page documents, its title left out and its headings one level down, so
 * that releases are `<h3>`s; they are written as HTML, so that Redoc's sidebar shows the section
 * only (it lists every Markdown heading).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PipelineError } from "../../lib/command.ts";
import type { BundledSpec } from "../bundled-spec.ts";
import { demotedHeadings, headingIndexes } from "./markdown-sections.ts";

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
  return `## ${CHANGELOG_HEADING}\n\n${documents}\n\n${demotedHeadings(body.join("\n")).trim()}\n`;
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
