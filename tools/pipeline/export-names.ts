/**
 * Every component of the spec gets an exported type of its own in generated/issues.ts (`Issue`,
 * `ResponseNotFound`, `ParameterFirst`): consumers import those names. When two components
 * would get the same name (`IssueStatus` and `issueStatus`, or a schema named like another
 * component's alias), openapi-typescript keeps one and drops or renames the other without a
 * word. This check finds each component without its own export and names both.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { PipelineError } from "../lib/command.ts";
import { SPEC_FILE } from "../lib/paths.ts";

/** `file:line:col` of `components.<section>.<name>`'s key in the spec, or the file alone. */
async function whereIs(root: string, section: string, name: string): Promise<string> {
  const lineCounter = new LineCounter();
  const document = parseDocument(await readFile(resolve(root, SPEC_FILE), "utf8"), { lineCounter });
  const components = document.getIn(["components", section]);
  const pair = isMap(components)
    ? components.items.find((item) => isScalar(item.key) && item.key.value === name)
    : undefined;
  const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  if (offset === undefined) return SPEC_FILE;
  const { line, col } = lineCounter.linePos(offset);
  return `${SPEC_FILE}:${line}:${col}`;
}

/** `export type ResponseNotFound = components['responses']['NotFound'];` */
const EXPORT_LINE = /^export type (\w+) = components\['(\w+)'\]\['([^']+)'\];$/gm;

/** A name reduced to what a case change keeps: `Issue_Status` and `issueStatus` are one name. */
const reduced = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The sections openapi-typescript exports aliases for, with each one's prefix (none for schemas). */
const PREFIXES: Record<string, string> = {
  schemas: "",
  responses: "Response",
  parameters: "Parameter",
  requestBodies: "RequestBody",
  headers: "Header",
  pathItems: "PathItem",
};

export async function checkExportNames(
  root: string,
  spec: { components?: Record<string, Record<string, unknown>> },
  types: string,
): Promise<void> {
  const exported = new Map<string, string>(); // "section/name" → the export's name
  for (const [, alias, section, name] of types.matchAll(EXPORT_LINE))
    exported.set(`${section}/${name}`, alias!);
  const byName = new Map([...exported].map(([component, alias]) => [reduced(alias), component]));

  const problems: string[] = [];
  for (const [section, components] of Object.entries(spec.components ?? {})) {
    const prefix = PREFIXES[section];
    if (prefix === undefined) continue; // security schemes, examples, links: no exported types
    for (const name of Object.keys(components ?? {})) {
      const wanted = `${prefix}${name}`;
      const alias = exported.get(`${section}/${name}`);
      if (alias !== undefined && reduced(alias) === reduced(wanted)) continue;
      // The component that took the name, and the name as it was exported.
      const rival = byName.get(reduced(wanted));
      const taken = rival ? exported.get(rival)! : (alias ?? wanted);
      const other =
        rival && rival !== `${section}/${name}` ? ` and components.${rival.replace("/", ".")}` : "";
      problems.push(
        `${await whereIs(root, section, name)} export-name-clash components.${section}.${name}${other} ` +
          `would both be exported as ${taken}: rename one, since consumers import these names`,
      );
    }
  }
  if (problems.length > 0) throw new PipelineError(problems);
}
