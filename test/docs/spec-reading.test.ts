/** How the docs' additions read the bundled spec: its operations, and its `$ref`s followed. */
import { expect, it } from "vitest";
import { operationsOf, resolved } from "../../tools/docs/spec-reading.ts";

const spec = {
  paths: {
    "/a": { $ref: "#/components/pathItems/A" },
    "/b": { parameters: [], post: { operationId: "MakeB" }, summary: "not an operation" },
  },
  components: {
    pathItems: { A: { get: { $ref: "#/components/operations/GetA" }, patch: {} } },
    operations: { GetA: { operationId: "GetA" } },
    loop: { one: { $ref: "#/components/loop/two" }, two: { $ref: "#/components/loop/one" } },
  },
};

it("lists every operation in the spec's order, through $refs, named by operationId or method and path", () => {
  expect(operationsOf(spec).map(({ operationId, method, path }) => [operationId, method, path])).toEqual([
    ["GetA", "GET", "/a"],
    ["PATCH /a", "PATCH", "/a"],
    ["MakeB", "POST", "/b"],
  ]);
  // The operation is the spec's own object: what is added to it is on the page's copy.
  expect(operationsOf(spec)[0]!.operation).toBe(spec.components.operations.GetA);
});

it("names a $ref that leads nowhere, one that comes round again, and one outside the bundle", () => {
  expect(() => resolved(spec, { $ref: "#/components/operations/Nope" })).toThrow(
    "the spec's $ref #/components/operations/Nope points at nothing",
  );
  expect(() => resolved(spec, { $ref: "#/components/loop/one" })).toThrow(
    "the spec's $ref #/components/loop/one refers to itself",
  );
  expect(() => resolved(spec, { $ref: "other.yaml#/A" })).toThrow(
    "the spec's $ref other.yaml#/A is not local to the bundled spec",
  );
});
