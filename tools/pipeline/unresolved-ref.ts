/**
 * What Redocly's `no-unresolved-refs` says of a `$ref` into a document that exists but holds
 * nothing at the pointer ("Can't resolve $ref"), reworded to name the target and the nearest
 * name that does exist: `#/components/parameters/Frist does not exist: did you mean First?`.
 */
import { dirname, resolve } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { parse } from "yaml";
import { nearestName } from "../lib/edit-distance.ts";
import { parsePointer, valueAt } from "../lib/json-pointer.ts";
import { readInRepository } from "./local-resolver.ts";

/** Redocly's whole message when the document loaded but the pointer leads nowhere. */
const POINTER_LEADS_NOWHERE = "Can't resolve $ref";

/**
 * The problem with its message naming the missing target, and a near name when there is one;
 * any other problem as it is. Reads only files inside `root`, as the lint did.
 */
export async function explainUnresolvedRef(
  root: string,
  problem: NormalizedProblem,
): Promise<NormalizedProblem> {
  const location = problem.location[0];
  if (problem.ruleId !== "no-unresolved-refs" || problem.message !== POINTER_LEADS_NOWHERE) return problem;
  if (!location?.pointer) return problem;
  const explained = await describeMissingTarget(
    root,
    location.source.absoluteRef,
    location.source.body,
    location.pointer,
  ).catch(() => undefined);
  return explained ? { ...problem, message: explained } : problem;
}

/**
 * `<ref> does not exist`, then `: did you mean <name>?` when a near name exists: for the `$ref`
 * at `pointer` in the file `path` whose text is `body`. Undefined when there is no such `$ref`,
 * or when its target does exist (Redocly failed on something else).
 */
async function describeMissingTarget(
  root: string,
  path: string,
  body: string,
  pointer: string,
): Promise<string | undefined> {
  const referring = parse(body);
  const ref = refAt(referring, pointer);
  if (ref === undefined) return undefined;

  const hash = ref.indexOf("#");
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? "" : ref.slice(hash);
  const target =
    file === ""
      ? referring
      : parse((await readInRepository(root, resolve(dirname(path), decodeURI(file)))).toString("utf8"));

  const tokens = parsePointer(fragment);
  const missing = tokens.findIndex((_, index) => valueAt(target, tokens.slice(0, index + 1)) === undefined);
  if (missing < 0) return undefined;

  const parent = valueAt(target, tokens.slice(0, missing));
  const names = isMapping(parent) ? Object.keys(parent) : [];
  const near = nearestName(tokens[missing]!, names);
  if (near === undefined) return `${ref} does not exist`;
  // The name alone when it is the last part of the pointer; else the pointer with it mended.
  const meant = missing === tokens.length - 1 ? near : mended(ref, hash, missing, near);
  return `${ref} does not exist: did you mean ${meant}?`;
}

/**
 * The `$ref` text of the node at `pointer`: a `{ $ref }` mapping, or a string where one stands
 * for a reference (a discriminator's mapping).
 */
function refAt(document: unknown, pointer: string): string | undefined {
  const node = valueAt(document, pointer);
  if (typeof node === "string") return node;
  if (isMapping(node) && typeof node.$ref === "string") return node.$ref;
  return undefined;
}

/** `ref` with its pointer's token at `index` replaced by `name`, escaped as a pointer's token. */
function mended(ref: string, hash: number, index: number, name: string): string {
  // The fragment as written, `#/components/schemaz/Issue`, split after the `#/`.
  const written = ref.slice(hash + 2).split("/");
  written[index] = name.replaceAll("~", "~0").replaceAll("/", "~1");
  return `${ref.slice(0, hash + 2)}${written.join("/")}`;
}

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === "object" && node !== null && !Array.isArray(node);
}
