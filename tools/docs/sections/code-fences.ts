/**
 * Fenced code blocks in Markdown (CommonMark §4.5): a line of three or more backticks or tildes,
 * indented by at most three spaces, opens one; a line of the same character, at least as many
 * and nothing after them, closes it. Lines in one are code, never headings or text to escape.
 * (Indented code blocks are not told apart: the changelog's entries are list items and
 * paragraphs, whose continuation lines are indented too.)
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** For each line of `lines`, whether it is part of a fenced code block, its fences included. */
export function fencedLines(lines: string[]): boolean[] {
  let open: string | undefined;
  return lines.map((line) => {
    const fence = FENCE.exec(line)?.[1];
    if (open === undefined) {
      // A backtick fence's info string may hold no backtick: "``` `x`" is no fence.
      if (fence && !(fence.startsWith("`") && line.slice(line.indexOf(fence) + fence.length).includes("`")))
        open = fence;
      return open !== undefined;
    }
    const closes =
      fence !== undefined &&
      fence[0] === open[0] &&
      fence.length >= open.length &&
      line.slice(line.indexOf(fence) + fence.length).trim() === "";
    if (closes) open = undefined;
    return true;
  });
}
