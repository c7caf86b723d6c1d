/**
 * openapi/upstream-differences.yaml: where our spec deliberately differs from Versori's own
 * description, each difference with its reason. `npm run check:upstream` matches what it finds
 * against the listed differences; the pipeline renders every reason into the "Known
 * discrepancies" section of the spec's description, so that the docs cannot disagree with it.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import { PipelineError } from "../lib/command.ts";

export const DIFFERENCES_FILE = "openapi/upstream-differences.yaml";
export const DISCREPANCIES_HEADING = "## Known discrepancies with Versori's own description";

export interface KnownDifference {
  /** Why we differ, in Markdown: one bullet of the docs' "Known discrepancies". */
  reason: string;
  /** The differences, word for word as `npm run check:upstream` prints them; may be none. */
  differences: string[];
}

export interface KnownDifferences {
  /** Where Versori publishes its description: what `npm run check:upstream` reads by default. */
  source: string;
  known: KnownDifference[];
}

/** Reads and checks the file; a problem is one line that names the file, line and column. */
export async function readKnownDifferences(root: string): Promise<KnownDifferences> {
  let text: string;
  try {
    text = await readFile(resolve(root, DIFFERENCES_FILE), "utf8");
  } catch {
    throw new PipelineError([
      `${DIFFERENCES_FILE}: cannot be read: it lists the deliberate differences from upstream`,
    ]);
  }
  return parseKnownDifferences(text);
}

export function parseKnownDifferences(text: string): KnownDifferences {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problem = (offset: number | undefined, message: string): never => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    throw new PipelineError([`${DIFFERENCES_FILE}:${line}:${col} ${message}`]);
  };
  const [syntax] = document.errors;
  if (syntax) problem(syntax.pos[0], syntax.message.split("\n", 1)[0]!);

  const top = document.contents;
  if (!isMap(top)) return problem(top?.range?.[0], "must be a mapping with `source` and `known`");
  const fields = readMap(top, ["source", "known"], problem);
  const source = readString(fields.get("source"), "`source`", top, problem);

  const list = fields.get("known");
  if (!isSeq(list)) return problem(list?.range?.[0] ?? top.range?.[0], "`known` must be a list of entries");
  const seen = new Set<string>();
  const known = list.items.map((item: unknown) => {
    if (!isMap(item))
      return problem((item as Node | null)?.range?.[0], "each entry of `known` must be a mapping");
    const entry = readMap(item, ["reason", "differences"], problem);
    const reason = readString(entry.get("reason"), "`reason`", item, problem).trim();
    const listed = entry.get("differences");
    if (listed !== undefined && !isSeq(listed)) {
      return problem(listed.range?.[0], "`differences` must be a list of the lines check:upstream prints");
    }
    const differences = (listed?.items ?? []).map((line: unknown) => {
      const text = readString(line as Node, "a difference", item, problem);
      if (seen.has(text)) problem((line as Node).range?.[0], `the difference "${text}" is listed twice`);
      seen.add(text);
      return text;
    });
    return { reason, differences };
  });
  return { source, known };
}

type Problem = (offset: number | undefined, message: string) => never;

/** A mapping's values by key; a key that is not one of `keys` is a problem. */
function readMap(map: YAMLMap, keys: string[], problem: Problem): Map<string, Node | undefined> {
  const values = new Map<string, Node | undefined>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!keys.includes(key)) {
      problem(
        (pair.key as Node | null)?.range?.[0],
        `unknown key \`${key}\`: expected ${keys.map((k) => `\`${k}\``).join(" or ")}`,
      );
    }
    values.set(key, (pair.value ?? undefined) as Node | undefined);
  }
  return values;
}

function readString(node: Node | undefined, what: string, parent: Node, problem: Problem): string {
  if (!isScalar(node) || typeof node.value !== "string" || node.value.trim() === "") {
    return problem(node?.range?.[0] ?? parent.range?.[0], `${what} must be a non-empty string`);
  }
  return node.value;
}

/** The "Known discrepancies" section: one bullet per entry, continuation lines indented. */
export function renderDiscrepancies(known: KnownDifference[]): string {
  const bullets = known.map(({ reason }) => `- ${reason.split("\n").join("\n  ")}`);
  return `${DISCREPANCIES_HEADING}\n\n${bullets.join("\n")}\n`;
}

/** The spec's description with the section at its end, in place of any section there was. */
export function withDiscrepancies(description: string, known: KnownDifference[]): string {
  const at = description.indexOf(DISCREPANCIES_HEADING);
  const before = (at === -1 ? description : description.slice(0, at)).trimEnd();
  return `${before}\n\n${renderDiscrepancies(known)}`;
}
