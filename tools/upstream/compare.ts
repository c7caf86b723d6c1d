/**
 * The wire facts of the Issues operations in Versori's own description ("upstream") and in ours,
 * compared. Upstream's issue operations are those tagged `issues`, with every schema they reach.
 *
 * Compared: paths and methods, operationIds; parameters (place, name, required, schema); request
 * bodies (present, required, media types, schema); responses (status codes, media types,
 * schema); and in every schema, its type, format, enum values, required names and properties,
 * and its items and map values. Descriptions, examples, patterns, bounds, defaults and `x-`
 * extensions are not wire facts and are left out.
 *
 * Each difference is one sentence said from upstream's side ("upstream adds `critical` to
 * `IssueSeverityEnum`"), naming things as upstream names them: a schema reached through
 * `$ref` by its component name, so that a difference in a schema that several operations use
 * is one sentence, not one per use.
 */

import {
  document,
  isSchema,
  issueOperations,
  listIn,
  mapIn,
  type Node,
  type Operation,
  parametersOf,
  resolve,
  typeOf,
  UpstreamDocumentError,
} from "./document.ts";

export { UpstreamDocumentError };

/** Where a schema sits, as upstream names it: in a component (`Issue`, `.resolvedAt`) or in words. */
interface Label {
  component?: string;
  context: string;
  path: string;
}

const say = (label: Label) =>
  label.component !== undefined
    ? `\`${label.component}${label.path}\``
    : label.path
      ? `\`${label.path.replace(/^\./, "")}\` of ${label.context}`
      : label.context;

const within = (label: Label, step: string): Label => ({ ...label, path: label.path + step });

const quoted = (value: unknown) => `\`${String(value)}\``;

export interface CompareOptions {
  /**
   * Whether only the operations of "ours" tagged `issues` count, as for upstream's: true when
   * "ours" is another copy of Versori's description (openapi/upstream/platform-api.yaml).
   */
  oursTaggedOnly?: boolean;
}

export function compareWireFacts(
  upstreamRoot: Node,
  oursRoot: Node,
  { oursTaggedOnly = false }: CompareOptions = {},
): string[] {
  const upstream = document(upstreamRoot);
  const ours = document(oursRoot);
  const found = new Set<string>();
  const report = (sentence: string) => found.add(sentence);
  // Each pair of component schemas is compared once, however many places reach it.
  const compared = new Set<string>();

  const upstreamOperations = issueOperations(upstream, true);
  const ourOperations = issueOperations(ours, oursTaggedOnly);
  for (const [key, theirs] of upstreamOperations) {
    const mine = ourOperations.get(key);
    if (!mine) report(`upstream adds \`${key}\` (${theirs.operation.operationId ?? "no operationId"})`);
    else compareOperation(theirs, mine);
  }
  for (const key of ourOperations.keys()) {
    if (!upstreamOperations.has(key)) report(`upstream lacks \`${key}\``);
  }
  return [...found];

  function compareOperation(theirs: Operation, mine: Operation) {
    const key = theirs.key;
    if (theirs.operation.operationId !== mine.operation.operationId) {
      report(
        `upstream names \`${key}\` \`${theirs.operation.operationId}\`, ours \`${mine.operation.operationId}\``,
      );
    }
    compareParameters(theirs, mine);

    const theirBody = resolve(upstream, theirs.operation.requestBody).node;
    const myBody = resolve(ours, mine.operation.requestBody).node;
    const bodyLabel = `the request body of \`${key}\``;
    if (theirBody && !myBody) report(`upstream adds a request body to \`${key}\``);
    if (!theirBody && myBody) report(`upstream lacks the request body of \`${key}\``);
    if (theirBody && myBody) {
      const [theirRequired, myRequired] = [theirBody.required === true, myBody.required === true];
      if (theirRequired !== myRequired) {
        report(
          `upstream makes ${bodyLabel} ${requiredness(theirRequired)}, ours ${requiredness(myRequired)}`,
        );
      }
      compareContent(theirBody.content, myBody.content, bodyLabel);
    }

    const theirResponses = mapIn(theirs.operation.responses);
    const myResponses = mapIn(mine.operation.responses);
    for (const status of Object.keys(theirResponses)) {
      const label = `the ${status} response of \`${key}\``;
      if (!(status in myResponses)) {
        report(`upstream adds the ${status} response to \`${key}\``);
        continue;
      }
      compareContent(
        resolve(upstream, theirResponses[status]).node?.content,
        resolve(ours, myResponses[status]).node?.content,
        label,
      );
    }
    for (const status of Object.keys(myResponses)) {
      if (!(status in theirResponses)) report(`upstream lacks the ${status} response of \`${key}\``);
    }
  }

  function compareParameters(theirs: Operation, mine: Operation) {
    const theirParameters = parametersOf(upstream, theirs);
    const myParameters = parametersOf(ours, mine);
    for (const [id, parameter] of theirParameters) {
      const [place, name] = id.split(" ");
      const other = myParameters.get(id);
      if (!other) {
        report(`upstream adds ${place} parameter \`${name}\` to \`${theirs.key}\``);
        continue;
      }
      // A parameter that upstream shares through a component is named once for all its uses.
      const context = parameter.component
        ? `the ${place} parameter \`${name}\``
        : `the ${place} parameter \`${name}\` of \`${theirs.key}\``;
      const [theirRequired, myRequired] = [parameter.node.required === true, other.node.required === true];
      if (theirRequired !== myRequired) {
        report(`upstream makes ${context} ${requiredness(theirRequired)}, ours ${requiredness(myRequired)}`);
      }
      compareSchema(parameter.node.schema, other.node.schema, { context, path: "" });
    }
    for (const id of myParameters.keys()) {
      const [place, name] = id.split(" ");
      if (!theirParameters.has(id))
        report(`upstream lacks ${place} parameter \`${name}\` of \`${theirs.key}\``);
    }
  }

  function compareContent(theirContent: Node | undefined, myContent: Node | undefined, context: string) {
    const theirs = mapIn(theirContent);
    const mine = mapIn(myContent);
    for (const type of Object.keys(theirs)) {
      if (!(type in mine)) report(`upstream adds \`${type}\` to ${context}`);
      else compareSchema(theirs[type]?.schema, mine[type]?.schema, { context, path: "" });
    }
    for (const type of Object.keys(mine)) {
      if (!(type in theirs)) report(`upstream lacks \`${type}\` in ${context}`);
    }
  }

  function compareSchema(theirRaw: Node | undefined, myRaw: Node | undefined, at: Label, depth = 0) {
    const theirs = resolve(upstream, theirRaw);
    const mine = resolve(ours, myRaw);
    if (!theirs.node || !mine.node || depth > 32) return;
    const label: Label = theirs.component ? { component: theirs.component, context: "", path: "" } : at;
    // Its sentences name only the component, so a second place that reaches it adds nothing.
    if (theirs.component && mine.ref) {
      const pair = `${theirs.ref} ${mine.ref}`;
      if (compared.has(pair)) return;
      compared.add(pair);
    }
    const [their, my] = [theirs.node, mine.node];

    const theirType = typeOf(upstream, their);
    const myType = typeOf(ours, my);
    // Under 3.1, upstream's `nullable: true` is not a keyword, but it says what upstream means; a
    // schema of ours that says it too (a recorded copy of upstream's) agrees with it.
    const ignoredNullable = !upstream.readsNullable && their.nullable === true;
    if (theirType !== myType) {
      const note = ignoredNullable ? " (its `nullable` is a 3.0 keyword, which 3.1 ignores)" : "";
      report(`upstream types ${say(label)} as \`${theirType}\`${note}, ours as \`${myType}\``);
    } else if (ignoredNullable && my.nullable !== true && !myType.split(" | ").includes("null")) {
      report(
        `upstream marks ${say(label)} \`nullable\` (a 3.0 keyword, which 3.1 ignores); ours types it as \`${myType}\`, without null`,
      );
    }

    if (their.format !== my.format) {
      report(
        their.format === undefined
          ? `upstream gives ${say(label)} no format, ours \`${my.format}\``
          : `upstream gives ${say(label)} the format \`${their.format}\`, ours ${my.format === undefined ? "none" : `\`${my.format}\``}`,
      );
    }

    const theirValues = listIn(their.enum);
    const myValues = listIn(my.enum);
    // One sentence per value, so that a value added on one side leaves the others' sentences as they are.
    for (const value of theirValues.filter((value) => !myValues.includes(value))) {
      report(`upstream adds ${quoted(value)} to ${say(label)}`);
    }
    for (const value of myValues.filter((value) => !theirValues.includes(value))) {
      report(`upstream lacks ${quoted(value)} in ${say(label)}`);
    }

    const theirProperties = mapIn(their.properties);
    const myProperties = mapIn(my.properties);
    const theirRequired = listIn(their.required).map(String);
    const myRequired = listIn(my.required).map(String);
    for (const name of theirRequired) {
      if (myRequired.includes(name)) continue;
      const undefinedHere = name in theirProperties ? "" : ", which is not one of its properties";
      report(`upstream requires \`${name}\` in ${say(label)}${undefinedHere}`);
    }
    for (const name of myRequired) {
      if (!theirRequired.includes(name)) report(`upstream does not require \`${name}\` in ${say(label)}`);
    }
    for (const name of Object.keys(theirProperties)) {
      if (!(name in myProperties)) report(`upstream adds property \`${name}\` to ${say(label)}`);
      else compareSchema(theirProperties[name], myProperties[name], within(label, `.${name}`), depth + 1);
    }
    for (const name of Object.keys(myProperties)) {
      if (!(name in theirProperties)) report(`upstream lacks property \`${name}\` in ${say(label)}`);
    }

    if (isSchema(their.items) && isSchema(my.items)) {
      compareSchema(their.items, my.items, within(label, "[]"), depth + 1);
    } else if (isSchema(their.items) !== isSchema(my.items)) {
      report(
        isSchema(their.items)
          ? `upstream gives ${say(label)} an item schema, ours none`
          : `upstream lacks an item schema for ${say(label)}, which ours has`,
      );
    }
    const theirOthers = otherProperties(their);
    const myOthers = otherProperties(my);
    if (theirOthers === "of one schema" && myOthers === "of one schema") {
      compareSchema(their.additionalProperties, my.additionalProperties, within(label, "{}"), depth + 1);
    } else if (theirOthers !== myOthers && (theirType === "object" || myType === "object")) {
      report(`upstream says ${say(label)} ${OTHERS[theirOthers]}; ours, that it ${OTHERS[myOthers]}`);
    }
  }
}

const requiredness = (required: boolean) => (required ? "required" : "optional");

/** What an object schema says of properties it does not list: `additionalProperties`. */
function otherProperties(schema: Node): keyof typeof OTHERS {
  const others = schema.additionalProperties;
  if (others === false) return "none";
  return isSchema(others) ? "of one schema" : "any";
}

const OTHERS = {
  none: "holds no properties it does not list",
  any: "may hold properties it does not list",
  "of one schema": "may hold unlisted properties of one schema",
};
