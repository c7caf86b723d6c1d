/**
 * The types worker's build of openapi-typescript, whose own Redocly gives way to a stand-in
 * (tools/launch/redocly-stand-in.mjs), must compile a bundled spec to the same types as the
 * installed package, which lints and bundles it again first.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { OpenAPI3 } from "openapi-typescript";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { compileCommands, TYPES_LIBRARY, upToDateBuild } from "../../tools/launch/compiled.mjs";
import { ROOT } from "../../tools/lib/paths.ts";
import { TYPES_OPTIONS } from "../../tools/pipeline/pipeline.ts";
import { TYPES_LINT_RULES } from "../../tools/pipeline/types-lint-rules.ts";

type Library = typeof import("openapi-typescript");

const require = createRequire(import.meta.url);
const installed: Library = require("openapi-typescript");
let standIn: Library;

beforeAll(async () => {
  const build = upToDateBuild(ROOT) ?? (await compileCommands(ROOT));
  standIn = require(join(build, TYPES_LIBRARY));
}, 60_000);

const compile = async (library: Library, spec: object) =>
  library.astToString(await library.default(structuredClone(spec) as OpenAPI3, TYPES_OPTIONS));

/** A bundled spec with what the real one lacks: composition, discriminators, shared parameters, headers. */
const VARIED_SPEC = {
  openapi: "3.1.0",
  info: { title: "Varied", version: "1.0.0" },
  paths: {
    "/pets/{petId}": {
      parameters: [{ $ref: "#/components/parameters/PetId" }],
      get: {
        operationId: "GetPet",
        parameters: [
          { name: "fields", in: "query", schema: { type: "array", items: { type: "string" } } },
          { name: "x-trace", in: "header", schema: { type: "string" } },
          { name: "session", in: "cookie", schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "The pet.",
            headers: { "x-request-id": { schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
      put: {
        operationId: "ReplacePet",
        deprecated: true,
        requestBody: { $ref: "#/components/requestBodies/PetBody" },
        responses: { "204": { description: "Replaced." } },
      },
    },
  },
  components: {
    parameters: {
      PetId: { name: "petId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
    },
    requestBodies: {
      PetBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
      },
    },
    responses: {
      NotFound: {
        description: "No such pet.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    },
    schemas: {
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
      },
      Base: {
        type: "object",
        required: ["kind", "name"],
        properties: {
          kind: { type: "string" },
          name: { type: "string", readOnly: true },
          tags: { type: ["array", "null"], items: { type: "string" } },
          extra: { type: "object", additionalProperties: { type: "integer" } },
        },
      },
      Cat: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", properties: { lives: { type: "integer", enum: [7, 9] } } },
        ],
      },
      Dog: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          {
            type: "object",
            properties: {
              good: { const: true },
              owner: { anyOf: [{ type: "string" }, { $ref: "#/components/schemas/Problem" }] },
            },
          },
        ],
      },
      Problem: {
        type: "object",
        properties: { code: { type: "string", default: "unknown" }, detail: { type: "string" } },
      },
    },
  },
};

/** Specs that break a rule of Redocly's `minimal` ruleset, which openapi-typescript asks for. */
const BROKEN: Array<{ rule: string; breakSpec: (spec: typeof VARIED_SPEC) => void }> = [
  {
    rule: "operation-operationId-unique",
    breakSpec: (spec) => {
      spec.paths["/pets/{petId}"].put.operationId = "GetPet";
    },
  },
  {
    rule: "no-unresolved-refs",
    breakSpec: (spec) => {
      spec.components.schemas.Problem.properties.detail = { $ref: "#/components/schemas/Nowhere" } as never;
    },
  },
  {
    rule: "struct",
    breakSpec: (spec) => {
      Object.assign(spec.components.schemas.Problem, { nullable: true });
    },
  },
  {
    rule: "no-server-trailing-slash",
    breakSpec: (spec) => {
      Object.assign(spec, { servers: [{ url: "https://pets.test/" }] });
    },
  },
  {
    rule: "no-server-variables-empty-enum",
    breakSpec: (spec) => {
      const variables = { region: { default: "eu", enum: [] } };
      Object.assign(spec, { servers: [{ url: "https://{region}.pets.test", variables }] });
    },
  },
];

describe("the types worker's openapi-typescript, with the Redocly stand-in", () => {
  it("compiles the real bundled spec to the same types as the installed package", async () => {
    const spec = JSON.parse(await readFile(join(ROOT, "generated/openapi.json"), "utf8"));
    const types = await compile(standIn, spec);
    expect(types).toBe(await compile(installed, spec));
    expect(types).toContain("export interface paths");
  });

  it("compiles composition, discriminators and shared components to the same types too", async () => {
    const types = await compile(standIn, VARIED_SPEC);
    expect(types).toBe(await compile(installed, VARIED_SPEC));
    expect(types).toContain('kind: "cat"');
  });

  // If openapi-typescript starts refusing a spec on another rule, the pipeline must keep that
  // rule an error too: TYPES_LINT_RULES in tools/pipeline/types-lint-rules.ts.
  it.each(BROKEN)(
    "refuses a spec that breaks $rule, as installed, only if the pipeline keeps the rule an error",
    async ({ rule, breakSpec }) => {
      const spec = structuredClone(VARIED_SPEC);
      breakSpec(spec);
      // The installed package prints a problem as it throws.
      const printed = vi.spyOn(console, "error").mockImplementation(() => {});
      const refused = await compile(installed, spec).then(
        () => false,
        () => true,
      );
      printed.mockRestore();
      expect(refused).toBe(TYPES_LINT_RULES.includes(rule));
      await expect(compile(standIn, spec)).resolves.toContain("export interface paths");
    },
  );
});
