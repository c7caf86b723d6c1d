/**
 * The lint rules that stand in for openapi-typescript's own checks, which redocly.yaml must keep
 * as errors.
 *
 * The installed openapi-typescript refuses a spec on two grounds before compiling it, with its
 * own copy of Redocly: a duplicate operationId (the one rule of its lint: it also asks for
 * Redocly's `minimal` ruleset, which Redocly 1 ignores where it is asked) and a reference it
 * cannot resolve (its bundle). The types worker of `check`, `generate` and `release` runs it
 * without that copy (tools/launch/redocly-stand-in.mjs), after the pipeline has bundled the spec
 * and linted it with redocly.yaml. That refuses the same specs only while redocly.yaml keeps
 * these rules as errors. test/pipeline/redocly-stand-in.test.ts fails when openapi-typescript
 * starts refusing a spec on another rule.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Config, detectSpec } from "@redocly/openapi-core";
import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { CONFIG_FILE } from "../lib/paths.ts";

export const TYPES_LINT_RULES = ["operation-operationId-unique", "no-unresolved-refs"];

/**
 * One line for each of those rules that `config` does not make an error for `spec`'s OpenAPI
 * version. None for a document that is not OpenAPI 3: the lint reports that.
 */
export async function missingTypesRules(root: string, config: Config, spec: object): Promise<string[]> {
  let version: ReturnType<typeof detectSpec>;
  try {
    version = detectSpec(spec);
  } catch {
    return [];
  }
  if (!version.startsWith("oas3")) return [];
  const weakened = TYPES_LINT_RULES.map((rule) => ({
    rule,
    severity: config.getRuleSettings(rule, version).severity,
  })).filter(({ severity }) => severity !== "error");
  if (weakened.length === 0) return [];
  const positionOf = settingPositions(await readFile(join(root, CONFIG_FILE), "utf8"), [
    `${version}Rules`,
    "rules",
  ]);
  return weakened.map(({ rule, severity }) => {
    return `${CONFIG_FILE}:${positionOf(rule)} types-rule ${rule} is "${severity}", but must be "error": without it, the types would be generated from a spec that openapi-typescript refuses`;
  });
}

/**
 * Reads redocly.yaml once, and gives the `line:col` of what sets a rule: its key in the first of
 * `sections` that has it, or else the `extends` that brings it in, or else the file's start.
 */
function settingPositions(text: string, sections: string[]): (rule: string) => string {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return "1:1";
    const { line, col } = lines.linePos(offset);
    return `${line}:${col}`;
  };
  return (rule) => {
    for (const section of sections) {
      const rules = document.get(section, true);
      if (!isMap(rules)) continue;
      const setting = rules.items.find((pair) => isScalar(pair.key) && pair.key.value === rule);
      if (setting && isScalar(setting.key)) return at(setting.key.range?.[0]);
    }
    const ruleset = document.get("extends", true);
    return at(isNode(ruleset) ? ruleset.range?.[0] : undefined);
  };
}
