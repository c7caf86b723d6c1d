// @ts-check
/**
 * Prose that lists the values of an enum stays true to it (rule `issues/enum-prose`). Two kinds of
 * text claim to list them all:
 *
 * - a list after "one of", anywhere in a description or in a string of an example ("must be one
 *   of critical, high, low, medium"). It is about the enum that shares the most values with it,
 *   at least two; it must name every value of that enum and nothing else.
 * - the description of an enum's own schema, or of the parameter that holds it inline, that
 *   names at least two of its values in backticks. It must name every value.
 *
 * Text that shares fewer than two values with every enum ("one of the issues"), or as many with
 * two enums, is not about an enum, and passes.
 */

/** The words that introduce a list claimed to be complete. */
const COMPLETE_LIST = /\bone of\s+/gi;
/** What may stand between two items of a list. */
const SEPARATORS = [", or ", ", and ", ", ", " or ", " and "];

/**
 * The items of the list that starts at `text[start]`: backticked or bare words, separated as in
 * SEPARATORS. Stops at the first thing that is not one.
 * @param {string} text @param {number} start @returns {string[]}
 */
function listAt(text, start) {
  const items = [];
  let at = start;
  for (;;) {
    const item = /^`([^`\s]+)`|^([\w-]+)/.exec(text.slice(at));
    if (!item) break;
    items.push(item[1] ?? item[2] ?? "");
    at += item[0].length;
    const separator = SEPARATORS.find((candidate) => text.startsWith(candidate, at));
    if (!separator) break;
    at += separator.length;
  }
  return items;
}

/** @param {string} text @returns {string[][]} every list after "one of" in `text` */
function completeListsIn(text) {
  return [...text.matchAll(COMPLETE_LIST)].map((found) => listAt(text, (found.index ?? 0) + found[0].length));
}

/** @param {string} text @returns {string[]} the words in backticks in `text` */
const backticked = (text) => [...text.matchAll(/`([^`\s]+)`/g)].map((found) => found[1] ?? "");

/**
 * @typedef {{ name: string; values: string[] }} Enum
 * @typedef {{ text: string; location: any }} Text
 */

/** @param {any} location @returns {string} how a report names the enum at `location` */
function enumName(location) {
  const pointer = String(location.pointer ?? "");
  const schema = /^#\/components\/schemas\/([^/]+)$/.exec(pointer);
  if (schema) return schema[1] ?? pointer;
  const parameter = /^#\/components\/parameters\/([^/]+)\/schema$/.exec(pointer);
  return parameter ? `the enum of ${parameter[1]}` : `the enum at ${pointer}`;
}

/** @param {unknown[]} values @returns {string} */
const quoted = (values) => values.map((value) => `\`${value}\``).join(", ");

/**
 * What is wrong with `named` as the full list of `anEnum`'s values, or nothing.
 * @param {string[]} named @param {Enum} anEnum @param {{ extras: boolean }} options
 * @returns {string | undefined}
 */
function mismatch(named, anEnum, { extras }) {
  const unknown = extras ? named.filter((value) => !anEnum.values.includes(value)) : [];
  const missing = anEnum.values.filter((value) => !named.includes(value));
  if (unknown.length === 0 && missing.length === 0) return undefined;
  const parts = [
    ...(unknown.length > 0 ? [`names ${quoted(unknown)}, which ${anEnum.name} does not have`] : []),
    ...(missing.length > 0 ? [`leaves out ${quoted(missing)}`] : []),
  ];
  return `lists the values of ${anEnum.name} but ${parts.join(", and ")}: its values are ${quoted(anEnum.values)}`;
}

/** @param {string[]} named @param {Enum[]} enums @returns {Enum | undefined} the one enum a list is about */
function enumOfList(named, enums) {
  const shared = enums.map((anEnum) => named.filter((value) => anEnum.values.includes(value)).length);
  const most = Math.max(0, ...shared);
  if (most < 2 || shared.filter((count) => count === most).length > 1) return undefined;
  return enums[shared.indexOf(most)];
}

/**
 * Calls `visit` with every string inside an example's value, and where it is.
 * @param {unknown} value @param {any} location @param {(text: Text) => void} visit
 */
function eachString(value, location, visit) {
  if (typeof value === "string") {
    visit({ text: value, location });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) eachString(item, location.child([i]), visit);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) eachString(item, location.child([key]), visit);
  }
}

export function enumProse() {
  /** @type {Enum[]} */
  const enums = [];
  /** @type {Text[]} */
  const texts = [];
  const seen = new Set();

  return {
    any: {
      /** @param {any} node @param {any} ctx */
      enter(node, { type, location, report }) {
        if (typeof node !== "object" || node === null || seen.has(node)) return;
        seen.add(node);
        if (typeof node.description === "string") {
          texts.push({ text: node.description, location: location.child(["description"]) });
        }
        if ("example" in node) eachString(node.example, location.child(["example"]), (t) => texts.push(t));
        if (type.name === "Example") eachString(node.value, location.child(["value"]), (t) => texts.push(t));
        if (type.name === "Schema" && Array.isArray(node.examples)) {
          eachString(node.examples, location.child(["examples"]), (t) => texts.push(t));
        }

        // The description of an enum's own schema, or of the parameter that holds one inline.
        const schema = type.name === "Parameter" ? node.schema : type.name === "Schema" ? node : undefined;
        if (!Array.isArray(schema?.enum) || schema.enum.length < 2) return;
        const anEnum = {
          name: enumName(type.name === "Parameter" ? location.child(["schema"]) : location),
          values: schema.enum.map(String),
        };
        if (type.name === "Schema") enums.push(anEnum);
        if (typeof node.description !== "string") return;
        const named = backticked(node.description).filter((word) => anEnum.values.includes(word));
        const problem = new Set(named).size >= 2 ? mismatch(named, anEnum, { extras: false }) : undefined;
        if (problem)
          report({ message: `this description ${problem}`, location: location.child(["description"]) });
      },
    },
    Root: {
      /** @param {any} _root @param {any} ctx */
      leave(_root, { report }) {
        for (const { text, location } of texts) {
          for (const named of completeListsIn(text)) {
            const anEnum = enumOfList(named, enums);
            const problem = anEnum && mismatch(named, anEnum, { extras: true });
            if (problem) report({ message: `"one of ${named.join(", ")}" ${problem}`, location });
          }
        }
      },
    },
  };
}
