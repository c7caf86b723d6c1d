/**
 * The lint rules on which openapi-typescript refuses a spec, which redocly.yaml must keep as
 * errors.
 *
 * openapi-typescript lints its input before compiling it, with its own copy of Redocly and these
 * rules as errors. The types worker of `check`, `generate` and `release` runs it without that lint
 * (tools/launch/redocly-stand-in.mjs), because the pipeline's own lint, with redocly.yaml, has
 * passed the spec already. That holds only while redocly.yaml keeps each of these an error: a
 * rule switched off there would let through a spec that openapi-typescript would refuse.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Config, detectSpec } from "@redocly/openapi-core";
import { CONFIG_FILE } from "../lib/paths.ts";

/** The rules that openapi-typescript's default configuration (Redocly's `minimal`) makes errors. */
export const TYPES_LINT_RULES = [
  "struct",
  "no-unresolved-refs",
  "no-server-trailing-slash",
  "no-server-variables-empty-enum",
  "operation-operationId-unique",
];

/**
 * One line for each of those rules that `config` does not make an error for `spec`'s OpenAPI
 * version, at the line of redocly.yaml that sets it (or its first line, when a ruleset it extends
 * does). None for a document that is not OpenAPI 3: the lint reports that.
 */
export async function missingTypesRules(root: string, config: Config, spec: object): Promise<string[]> {
  let version: ReturnType<typeof detectSpec>;
  try {
    version = detectSpec(spec);
  } catch {
    return [];
  }
  if (!version.startsWith("oas3")) return [];
  const missing = TYPES_LINT_RULES.filter(
    (rule) => config.getRuleSettings(rule, version).severity !== "error",
  );
  if (missing.length === 0) return [];
  const configLines = (await readFile(join(root, CONFIG_FILE), "utf8")).split("\n");
  return missing.map((rule) => {
    const line = configLines.findIndex((text) => text.trimStart().startsWith(`${rule}:`));
    const where = line === -1 ? "1:1" : `${line + 1}:${configLines[line]!.indexOf(rule) + 1}`;
    const severity = config.getRuleSettings(rule, version).severity;
    return `${CONFIG_FILE}:${where} types-rule ${rule} is "${severity}", but the types need it to be "error": openapi-typescript refuses a spec that breaks it`;
  });
}
