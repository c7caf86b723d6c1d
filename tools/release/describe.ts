/**
 * One of Redocly's changes in the changelog's words: where (the exported type it touches and
 * who sends or returns it, or else the operation by its operationId and the part of it) and
 * what (Redocly's verdicts with why they break consumers, or else words of our own). No JSON
 * pointer appears in either: a reader knows operations and types by their names.
 */
import { parsePointer, valueAt } from "../lib/json-pointer.ts";
import type { Place, Sides } from "./place.ts";
import type { RedoclyChange } from "./redocly-diff.ts";
import { type ComponentRename, exportedType, renameNote } from "./renames.ts";
import { inWords, typeMember, usesOf } from "./type-names.ts";
import { whyOf } from "./why.ts";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The exported type a change touches: `Issue.assignee` in `Issue`, and who uses `Issue`. */
interface TypeTouched {
  member: string;
  name: string;
  uses: { returnedBy: string[]; sentBy: string[] };
}

export function describe(
  change: RedoclyChange,
  place: Place,
  sides: Sides,
  renames: ComponentRename[] = [],
): { where: string; what: string } {
  const type = typeTouched(change, sides);
  const part = partOf(change, place, sides);
  const what =
    operationAdded(change, place, sides) ??
    parameterRenamed(change, part) ??
    (verdictWords(change, place) || ownWords(change, place, part, type));
  const note = renameNote(change, renames);
  return {
    where: type ? typeWhere(type) : placeWhere(change, place, part, sides),
    what: note ? `${what} ${note}` : what,
  };
}

function typeTouched(change: RedoclyChange, sides: Sides): TypeTouched | undefined {
  // A change to a component schema is a change to the exported type of that name.
  const member = typeMember(change.revision?.pointer ?? change.base?.pointer);
  if (member === undefined) return undefined;
  const name = member.split(".")[0]!;
  // Which operations use it is read from the references of the side that still has it.
  const spec = change.kind === "removed" ? sides.base.bundled : sides.working.bundled;
  return { member, name, uses: usesOf(spec, name) };
}

/** `` `Issue`, returned by ListIssues and CreateIssue, sent by UpdateIssue ``. */
function typeWhere({ name, uses }: TypeTouched): string {
  return [
    `\`${name}\``,
    uses.returnedBy.length > 0 && `returned by ${inWords(uses.returnedBy)}`,
    uses.sentBy.length > 0 && `sent by ${inWords(uses.sentBy)}`,
  ]
    .filter(Boolean)
    .join(", ");
}

/** The part of an operation (or of a path item) a change is in, and how many tokens name it. */
interface Part {
  /** `response 200`, `request body`, `query parameter \`first\``; empty for the operation itself. */
  words: string;
  /** The tokens of the change's path that lead to the part: what comes after is inside it. */
  length: number;
  /** Whether the part is a parameter. */
  isParameter?: boolean;
}

function partOf(change: RedoclyChange, { at, route }: Place, sides: Sides): Part {
  if (route === undefined) return { words: "", length: Math.min(at.length, at[0] === "components" ? 3 : 1) };
  const index = at.indexOf("parameters");
  if (index === 2 || index === 3) {
    if (at[index + 1] === undefined) return { words: "parameters", length: index + 1 };
    const { name, in: where = "" } = parameterNames(change, at.slice(0, index + 2), sides);
    const words = name === undefined ? "a parameter" : `${where} parameter \`${name}\``.trim();
    return { words, length: index + 2, isParameter: true };
  }
  if (at[3] === "responses") return { words: `response ${at[4]}`, length: 5 };
  if (at[3] === "requestBody") return { words: "request body", length: 4 };
  return { words: "", length: 3 };
}

/** A parameter's name (before a rename, for one that renames it) and where it goes. */
function parameterNames(change: RedoclyChange, at: string[], sides: Sides): { name?: string; in?: string } {
  // Redocly's path is the working spec's, or the release's for a parameter removed.
  const spec = change.kind === "removed" ? sides.base.dereferenced : sides.working.dereferenced;
  const parameter = valueAt(spec, at) as { name?: unknown; in?: unknown } | undefined;
  const renamed = change.property === "name" ? change.base?.value : undefined;
  const name = [renamed, parameter?.name].find((value) => typeof value === "string") as string | undefined;
  const where = typeof parameter?.in === "string" ? parameter.in : undefined;
  return { ...(name !== undefined && { name }), ...(where !== undefined && { in: where }) };
}

/** `ListIssues, query parameter \`first\``, `path /o/{organisation_id}/issues`, `` `ResponseNotFound` ``. */
function placeWhere(change: RedoclyChange, { at, route }: Place, part: Part, sides: Sides): string {
  if (route === undefined) return componentWhere(at);
  const method = at[2];
  const subject =
    method === undefined || !HTTP_METHODS.includes(method)
      ? `path ${route}`
      : operationName(route, method, sides);
  // A shared schema's change is reported once, at its first use: name the schema too.
  const found = change.verdicts[0]?.location?.pointer;
  const schema = found?.startsWith("#/components/schemas/") ? parsePointer(found)[2] : undefined;
  return [subject, part.words, schema && `schema \`${schema}\``].filter(Boolean).join(", ");
}

/** An operation's operationId, in the working spec or else the last release; its method and path without one. */
function operationName(route: string, method: string, sides: Sides): string {
  for (const spec of [sides.working.dereferenced, sides.base.dereferenced]) {
    const id = valueAt(spec, ["paths", route, method, "operationId"]);
    if (typeof id === "string") return id;
  }
  return `${method.toUpperCase()} ${route}`;
}

/** A change outside `paths`: `info`, or a component by its exported type, `` `ResponseNotFound` ``. */
function componentWhere(at: string[]): string {
  if (at[0] !== "components" || at[1] === undefined || at[2] === undefined) return at[0] ?? "the document";
  const type = exportedType(at[1], at[2]);
  return type ? `\`${type}\`` : `${at[1]} \`${at[2]}\``;
}

/** A new operation: what it is called, where, and what it does in a few words. */
function operationAdded(change: RedoclyChange, { at, route }: Place, sides: Sides): string | undefined {
  const method = at[2];
  if (change.kind !== "added" || route === undefined || at.length !== 3 || !HTTP_METHODS.includes(method!)) {
    return undefined;
  }
  const summary = valueAt(sides.working.dereferenced, ["paths", route, method!, "summary"]);
  return `a new operation, ${method!.toUpperCase()} ${route}${typeof summary === "string" ? ` (${summary})` : ""}.`;
}

/** A parameter whose name changed: callers must send the new one. */
function parameterRenamed(change: RedoclyChange, { isParameter }: Part): string | undefined {
  const before = typeof change.base?.value === "string" ? change.base.value : undefined;
  const after = typeof change.revision?.value === "string" ? change.revision.value : undefined;
  if (change.property !== "name" || !isParameter || !before || !after || before === after) return undefined;
  return `renamed to \`${after}\`. ${whyOf("parameter-removed", false)}`;
}

/** Redocly's verdicts, each followed by why it breaks consumers on the change's side. */
function verdictWords(change: RedoclyChange, { inResponse }: Place): string {
  return change.verdicts
    .map((verdict) => `${verdict.message} ${whyOf(verdict.ruleId, inResponse)}`.trim())
    .join(" ");
}

/** A change without a verdict (a description, an addition) in words of our own. */
function ownWords(change: RedoclyChange, { at }: Place, part: Part, type: TypeTouched | undefined): string {
  const { property } = change;
  const done = change.kind === "added" || change.kind === "removed" ? change.kind : "changed";
  if (type) {
    if (property) return `the \`${property}\` of \`${type.member}\` changed.`;
    const direction = directionWords(change, type);
    return `\`${type.member}\` ${done}${direction ? `: ${direction}` : ""}.`;
  }
  const subject = subjectWords(at.slice(part.length));
  if (property)
    return subject ? `the \`${property}\` of ${subject} ${done}.` : `its \`${property}\` ${done}.`;
  return subject ? `${subject} ${done}.` : `${done}.`;
}

/** The steps down to a schema and into it, which name no part of the API by themselves. */
const SCHEMA_STEPS = ["content", "application/json", "schema", "items", "properties"];

/** What the token after each collection is: `examples/cursor` is example `cursor`. */
const COLLECTIONS: Record<string, string> = {
  examples: "example",
  headers: "header",
  properties: "property",
  links: "link",
  content: "media type",
};

/** The innermost named thing inside a part: `example \`cursor\``; empty for the part itself. */
function subjectWords(inside: string[]): string {
  for (let i = inside.length - 1; i >= 0; i--) {
    const token = inside[i]!;
    const collection = COLLECTIONS[inside[i - 1] ?? ""];
    if (collection) return `${collection} \`${token}\``;
    if (!SCHEMA_STEPS.includes(token) && !(token in COLLECTIONS)) return `\`${token}\``;
  }
  return "";
}

/** In the direction that matters: what a reader may now receive, or a caller may now send. */
function directionWords(change: RedoclyChange, { uses }: TypeTouched): string {
  const [response, request] = DIRECTIONS.get(change.kind) ?? [];
  return [uses.returnedBy.length > 0 && response, uses.sentBy.length > 0 && request]
    .filter(Boolean)
    .join(", and ");
}

/** A type's member added or removed: for those it returns to, and for those who send it. */
const DIRECTIONS = new Map([
  ["added", ["responses may now include it", "callers may now send it"]],
  ["removed", ["responses no longer include it", "callers can no longer send it"]],
]);
