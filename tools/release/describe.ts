/**
 * One of Redocly's changes in the changelog's words: where (the exported type it touches and
 * who sends or returns it, or else the operation and its part) and what (Redocly's verdicts with
 * why they break consumers, or else words of our own).
 */
import { parsePointer, valueAt } from "../lib/json-pointer.ts";
import type { Place, Sides } from "./place.ts";
import type { RedoclyChange } from "./redocly-diff.ts";
import { inWords, typeMember, usesOf } from "./type-names.ts";
import { whyOf } from "./why.ts";

/** The exported type a change touches: `Issue.assignee` in `Issue`, and who uses `Issue`. */
interface TypeTouched {
  member: string;
  name: string;
  uses: { returnedBy: string[]; sentBy: string[] };
}

export function describe(change: RedoclyChange, place: Place, sides: Sides): { where: string; what: string } {
  const type = typeTouched(change, sides);
  return {
    where: type ? typeWhere(type) : operationWhere(change, place, sides),
    what: verdictWords(change, place) || ownWords(change, place, type),
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

/** `GET /o/{organisation_id}/issues, parameter first`, or `components.responses.NotFound`. */
function operationWhere(change: RedoclyChange, place: Place, sides: Sides): string {
  const { at, route } = place;
  const operation =
    route === undefined
      ? at.slice(0, 3).join(".")
      : `${at[2] === "parameters" ? "path item" : (at[2]?.toUpperCase() ?? "")} ${route}`.trim();
  // A shared schema's change is reported once, at its first use: name the schema too.
  const found = change.verdicts[0]?.location?.pointer;
  const schema = found?.startsWith("#/components/schemas/") ? parsePointer(found)[2] : undefined;
  return [operation, partWords(place, sides), schema && `schema ${schema}`].filter(Boolean).join(", ");
}

/** The part of the operation: `response 200`, `request body`, `parameter first`. */
function partWords({ at, inOperation, inResponse }: Place, sides: Sides): string {
  if (inResponse) return `response ${inOperation[1]}`;
  if (inOperation[0] === "requestBody") return "request body";
  if (inOperation[0] !== "parameters") return "";
  if (inOperation[1] === undefined) return "parameters";
  return `parameter ${parameterName(at, sides) ?? inOperation[1]}`;
}

/** The name of the parameter at `paths/<route>/<method>/parameters/<i>`, in either spec. */
function parameterName(at: string[], sides: Sides): string | undefined {
  const parameter = at.slice(0, at.indexOf("parameters") + 2);
  for (const spec of [sides.working.dereferenced, sides.base.dereferenced]) {
    const name = (valueAt(spec, parameter) as { name?: unknown } | undefined)?.name;
    if (typeof name === "string") return name;
  }
  return undefined;
}

/** Redocly's verdicts, each followed by why it breaks consumers on the change's side. */
function verdictWords(change: RedoclyChange, { inResponse }: Place): string {
  return change.verdicts
    .map((verdict) => `${verdict.message} ${whyOf(verdict.ruleId, inResponse)}`.trim())
    .join(" ");
}

/** A change without a verdict (a description, an addition) in words of our own. */
function ownWords(change: RedoclyChange, { inOperation }: Place, type: TypeTouched | undefined): string {
  const verb =
    change.kind === "added" || change.kind === "removed"
      ? change.kind
      : `changed${change.property ? ` (${change.property})` : ""}`;
  if (type) {
    const direction = directionWords(change, type);
    return `\`${type.member}\` ${verb}${direction ? `: ${direction}` : ""}.`;
  }
  const subject = inOperation.filter((token) => !SCHEMA_STEPS.includes(token)).at(-1);
  return `\`${subject ?? change.path}\` ${verb}.`;
}

/** The steps down to a schema and into it, which name no part of the API by themselves. */
const SCHEMA_STEPS = ["content", "application/json", "schema", "items", "properties"];

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
