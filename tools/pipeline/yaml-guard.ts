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

/**
 * Where an anchor could begin: an `&` that starts a token (at the start of a line, after
 * whitespace, after a flow collection's `[`, `{` or `,`, right after the `:` of a quoted key, as
 * in `"key":&anchor`, or right after a verbatim tag, as in `!<tag:yaml.org,2002:seq>&anchor`,
 * which Redocly's parser reads though YAML wants a space there) and is followed by a name. `R&D`
 * and `a & b` are not anchors; an `&` like that inside a quoted string may be taken for one,
 * which costs only the full check.
 */
const ANCHOR_START = /(?:^|[\s[{,:>])&[^\s,[\]{}]/m;

/** How the yaml package says that aliases expand beyond maxAliasCount. */
const TOO_MANY_ALIASES = "Excessive alias count";

export async function refuseAliasBombs(root: string, file: string): Promise<void> {
  const text = await readFile(resolve(root, file), "utf8").catch(() => undefined);
  if (text === undefined) return; // a missing file is reported by the lint, in its own words
  // An alias needs an anchor: without one there is nothing to expand, and the full parse below,
  // a third of a large spec's lint, is skipped.
  if (!ANCHOR_START.test(text)) return;
  const lineCounter = new LineCounter();
  // Checked even when the yaml package finds a syntax error: Redocly's parser is more lenient,
  // and would expand what this one refused to read. Any other failure is the lint's to report;
  // so are its warnings, which the yaml package would print through process.emitWarning, with
  // whatever bytes a binary file holds, before the lint's own line.
  const document = parseDocument(text, { lineCounter, logLevel: "error" });
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof Error && error.message.includes(TOO_MANY_ALIASES))) return;
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
