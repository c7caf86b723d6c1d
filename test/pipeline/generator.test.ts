/**
 * The types generator (tools/pipeline/generator.mjs) is the one module that uses
 * openapi-typescript, so that replacing it touches that module alone. The types worker loads the
 * launcher's one-file build of it, which must compile what the installed package compiles.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileCommands, GENERATOR_LIBRARY, upToDateBuild } from "../../tools/launch/compiled.mjs";
import { ROOT } from "../../tools/lib/paths.ts";
import {
  GENERATOR_OPTIONS,
  GENERATOR_PACKAGE,
  type GeneratorLibrary as Library,
  type OpenAPIDocument,
} from "../../tools/pipeline/generator.mjs";
import { createTempRepo } from "../support/temp-repo.ts";

const require = createRequire(import.meta.url);
const installed: Library = require(GENERATOR_PACKAGE);
let built: Library;

beforeAll(async () => {
  const build = upToDateBuild(ROOT) ?? (await compileCommands(ROOT));
  built = require(join(build, GENERATOR_LIBRARY));
}, 60_000);

const compile = async (library: Library, spec: object) =>
  library.astToString(await library.default(structuredClone(spec) as OpenAPIDocument, GENERATOR_OPTIONS));

/** Every source file under `folder`, as paths from the root. */
async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]s)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1))
    .filter((path) => !path.startsWith("tools/.compiled/"));
}

/** A bundled spec with what the real one lacks: composition, discriminators, shared components. */
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
          { type: "object", properties: { good: { const: true } } },
        ],
      },
      Problem: {
        type: "object",
        properties: { code: { type: "string", default: "unknown" }, detail: { type: "string" } },
      },
    },
  },
};

describe("the types generator", () => {
  it("is the only module that imports openapi-typescript", async () => {
    const importers: string[] = [];
    for (const folder of ["scripts", "tools", "src", "test", "examples"]) {
      for (const path of await sources(folder)) {
        const text = await readFile(join(ROOT, path), "utf8");
        if (/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']openapi-typescript["'/]/.test(text)) {
          importers.push(path);
        }
      }
    }
    expect(importers).toEqual(["tools/pipeline/generator.mjs"]);
  });

  it("compiles the real bundled spec in the worker's build as the installed package does", async () => {
    const spec = JSON.parse(await readFile(join(ROOT, "generated/openapi.json"), "utf8"));
    const types = await compile(built, spec);
    expect(types).toBe(await compile(installed, spec));
    expect(types).toContain("export interface paths");
  });

  it("compiles composition, discriminators and shared components alike in both", async () => {
    const types = await compile(built, VARIED_SPEC);
    expect(types).toBe(await compile(installed, VARIED_SPEC));
    expect(types).toContain('kind: "cat"');
  });

  it("refuses, through npm run generate, a spec it cannot compile, in one line and nothing else", async () => {
    const repo = await createTempRepo();
    try {
      // With redocly.yaml's rule off, only the generator's own check finds the duplicate.
      await repo.edit(
        "redocly.yaml",
        "  no-unused-components: error\n",
        "  no-unused-components: error\n  operation-operationId-unique: off\n",
      );
      await repo.edit("openapi/issues.yaml", "operationId: CreateIssue", "operationId: ListIssues");
      const before = await repo.read("generated/issues.ts");

      const result = await repo.npm("generate");

      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(
          /^openapi\/issues\.yaml: openapi-typescript could not compile the spec: .*operationId/,
        ),
      ]);
      expect(await repo.read("generated/issues.ts")).toBe(before);
    } finally {
      await repo.dispose();
    }
  }, 60_000);
});
