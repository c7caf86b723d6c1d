/** JSON Pointers (RFC 6901), the one reader of `$ref`s and Redocly's paths in tools/. */
import { describe, expect, it } from "vitest";
import { formatPointer, JsonPointerError, parsePointer, valueAt } from "../../tools/lib/json-pointer.ts";

// The example document of RFC 6901 §5.
const RFC = {
  foo: ["bar", "baz"],
  "": 0,
  "a/b": 1,
  "c%d": 2,
  "e^f": 3,
  "g|h": 4,
  "i\\j": 5,
  'k"l': 6,
  " ": 7,
  "m~n": 8,
};

describe("parsePointer", () => {
  it("unescapes ~1 to / and ~0 to ~, in that order", () => {
    expect(parsePointer("#/paths/~1o~1{organisation_id}~1issues/get")).toEqual([
      "paths",
      "/o/{organisation_id}/issues",
      "get",
    ]);
    expect(parsePointer("/m~0n")).toEqual(["m~n"]);
    expect(parsePointer("/~01")).toEqual(["~1"]);
  });

  it("reads the whole document as no tokens, and keeps empty tokens", () => {
    expect(parsePointer("")).toEqual([]);
    expect(parsePointer("#")).toEqual([]);
    expect(parsePointer("/")).toEqual([""]);
    expect(parsePointer("#/a//b")).toEqual(["a", "", "b"]);
  });

  it("percent-decodes the fragment form only", () => {
    expect(parsePointer("#/c%25d")).toEqual(["c%d"]);
    expect(parsePointer("/c%25d")).toEqual(["c%25d"]);
    // As Redocly writes it: a % that starts no escape is itself.
    expect(parsePointer("#/100%")).toEqual(["100%"]);
  });

  it.each([
    ["components/schemas", 'it does not start with "/" or "#/"'],
    ["#components", 'it does not start with "/" or "#/"'],
    ["#/a~2b", '"~" must be followed by 0 or 1 ("~0" is "~", "~1" is "/")'],
    ["/a~", '"~" must be followed by 0 or 1 ("~0" is "~", "~1" is "/")'],
  ])("refuses %j, saying why", (pointer, why) => {
    expect(() => parsePointer(pointer)).toThrow(new JsonPointerError(pointer, why));
    expect(() => parsePointer(pointer)).toThrow(`${JSON.stringify(pointer)} is not a JSON pointer: ${why}`);
  });
});

describe("formatPointer", () => {
  it("escapes / and ~, and what a URI fragment cannot hold", () => {
    expect(formatPointer(["components", "schemas", "Issue"])).toBe("#/components/schemas/Issue");
    expect(formatPointer(["paths", "/o/{id}", "get", "parameters", 0])).toBe(
      "#/paths/~1o~1%7Bid%7D/get/parameters/0",
    );
    expect(formatPointer([])).toBe("#");
  });

  it("is read back by parsePointer as the same tokens", () => {
    for (const key of Object.keys(RFC)) {
      expect(parsePointer(formatPointer(["x", key]))).toEqual(["x", key]);
    }
    expect(parsePointer(formatPointer(["%41", "~1", "a/b~c"]))).toEqual(["%41", "~1", "a/b~c"]);
  });
});

describe("valueAt", () => {
  it("evaluates every example of RFC 6901 §5, in both forms", () => {
    const examples: Array<[string, string, unknown]> = [
      ["", "#", RFC],
      ["/foo", "#/foo", ["bar", "baz"]],
      ["/foo/0", "#/foo/0", "bar"],
      ["/", "#/", 0],
      ["/a~1b", "#/a~1b", 1],
      ["/c%d", "#/c%25d", 2],
      ["/e^f", "#/e%5Ef", 3],
      ["/g|h", "#/g%7Ch", 4],
      ["/i\\j", "#/i%5Cj", 5],
      ['/k"l', "#/k%22l", 6],
      ["/ ", "#/%20", 7],
      ["/m~0n", "#/m~0n", 8],
    ];
    for (const [plain, fragment, value] of examples) {
      expect(valueAt(RFC, plain)).toEqual(value);
      expect(valueAt(RFC, fragment)).toEqual(value);
    }
  });

  it("takes tokens as well as text", () => {
    expect(valueAt(RFC, ["foo", "1"])).toBe("baz");
  });

  it("points at nothing past the document, at a bad index, or at what an object inherits", () => {
    expect(valueAt(RFC, "/foo/2")).toBeUndefined();
    expect(valueAt(RFC, "/foo/-")).toBeUndefined();
    expect(valueAt(RFC, "/foo/01")).toBeUndefined();
    expect(valueAt(RFC, "/foo/length")).toBeUndefined();
    expect(valueAt(RFC, "/missing/deeper")).toBeUndefined();
    expect(valueAt(RFC, "/a~1b/x")).toBeUndefined();
    expect(valueAt(RFC, "#/constructor")).toBeUndefined();
    expect(valueAt(RFC, "#/__proto__")).toBeUndefined();
  });
});
