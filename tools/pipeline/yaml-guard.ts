/**
 * Refuses a YAML file whose aliases would expand beyond reason (a "billion laughs" bomb): ten
 * levels of ten aliases are 1 KB of text and ten billion values, which would keep the pipeline
 * busy for minutes. The check reads the file with the `yaml` package, whose alias budget is
 * made for exactly this, before Redocly or openapi-typescript see it.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument, visit } from "yaml";
import { PipelineError } from "../lib/command.ts";

/** `yaml`'s own default: how many times the values behind aliases may be copied, in all. */
const MAX_ALIAS_COUNT = 100;

export async function refuseAliasBombs(root: string, file: string): Promise<void> {
  const text = await readFile(resolve(root, file), "utf8").catch(() => undefined);
  if (text === undefined) return; // a missing file is reported by the lint, in its own words
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) return; // a syntax error too
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    let first = 0;
    visit(document, {
      Alias(_, alias) {
        first = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lineCounter.linePos(first);
    throw new PipelineError([
      `${file}:${line}:${col} yaml-aliases its aliases expand to more than ${MAX_ALIAS_COUNT} copies: ` +
        "write the values out, or share them with $ref",
    ]);
  }
}
