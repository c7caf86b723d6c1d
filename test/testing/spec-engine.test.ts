/**
 * The spec engine's schema checks (src/spec/), which the fake and `validateResponses` share: a
 * problem's field comes from the validator's instance location and its expectation from the
 * schema at the keyword's location, never from the validator's English, which is free to change.
 */
import { describe, expect, it } from "vitest";
import { compileSchema } from "../../src/spec/check.ts";
import type { Schema } from "../../src/spec/document.ts";

const problems = (schema: Schema, value: unknown) =>
  compileSchema(schema)(value, "field").map(({ field, message }) => `${field} ${message}`);

describe("a schema check names the field and what the schema expects", () => {
  it("names each missing property, whatever characters its name holds", () => {
    const schema = { type: "object", required: ['say "hi"', "plain", "a.b"] };
    expect(problems(schema, { plain: 1 })).toEqual(['["say \\"hi\\""] is required', '["a.b"] is required']);
  });

  it("reads the allowed values, types, format and pattern from the schema", () => {
    const schema = {
      type: "object",
      properties: {
        level: { enum: ["low", "[x], y", 3] },
        at: { type: ["string", "null"], format: "date-time" },
        id: { type: "string", pattern: '^"\\d+"$' },
      },
    };
    expect(problems(schema, { level: "no", at: 5, id: "7" })).toEqual([
      "level must be one of low, [x], y, 3",
      "at must be string or null",
      'id must match the pattern ^"\\d+"$',
    ]);
    expect(problems(schema, { at: "today" })).toEqual(["at must be a date-time"]);
  });

  it("says what a keyword without words of its own expects, from the schema", () => {
    expect(problems({ const: "fixed" }, "other")).toEqual(['body must be "fixed"']);
    expect(problems({ type: "object", minProperties: 2 }, { a: 1 })).toEqual([
      "body must have at least this many properties: 2",
    ]);
    expect(problems({ type: "array", uniqueItems: true }, [1, 1])).toEqual(["body must hold no item twice"]);
    expect(problems({ not: { type: "string" } }, "s")).toEqual(["body must not match the schema at #/not"]);
  });

  it("writes a key that is not an identifier as a quoted segment, as the pointer escaped it", () => {
    const schema = { type: "object", additionalProperties: { type: "string" } };
    const value = { "a/b": 1, "t~1": 1, "#h": 1, "50%": 1, "ä ö": 1, "": 1, "7": 1 };
    expect(problems(schema, value)).toEqual([
      "[7] must be string",
      '["a/b"] must be string',
      '["t~1"] must be string',
      '["#h"] must be string',
      '["50%"] must be string',
      '["ä ö"] must be string',
      '[""] must be string',
    ]);
  });

  it("keeps the value found at the field", () => {
    const [problem] = compileSchema({
      type: "array",
      items: { type: "object", properties: { n: { type: "integer" } } },
    })([{ n: 1 }, { n: "2" }], "field");
    expect(problem).toEqual({ field: "[1].n", message: "must be integer", value: "2" });
  });
});
