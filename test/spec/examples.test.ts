/**
 * Every example in the spec validates against its schema. This is checked independently of
 * Redocly's linter, with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) and strict formats.
 * Objects are closed for the check: an example may not carry a field its schema lacks.
 */
import { escapePointerFragment } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import { describe, expect, it } from "vitest";
import { undeclaredField } from "../support/spec-facts.ts";
import { deref, HTTP_METHODS, type Node, spec } from "./load-spec.ts";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

interface Example {
  where: string;
  schemaPointer: string;
  value: unknown;
}

/** Every example value in the spec, with the JSON pointer of the schema it must satisfy. */
function collectExamples(): Example[] {
  const found: Example[] = [];
  const fromHolder = (holder: Node, holderPointer: string, schemaPointer: string) => {
    if (holder.example !== undefined) {
      found.push({ where: `${holderPointer}/example`, schemaPointer, value: holder.example });
    }
    for (const [name, example] of Object.entries((holder.examples ?? {}) as Record<string, Node>)) {
      found.push({ where: `${holderPointer}/examples/${name}`, schemaPointer, value: deref(example).value });
    }
  };
  const fromContent = (content: Node, pointer: string) => {
    for (const [type, media] of Object.entries((content ?? {}) as Record<string, Node>)) {
      const mediaPointer = `${pointer}/content/${escapePointerFragment(type)}`;
      fromHolder(media, mediaPointer, `${mediaPointer}/schema`);
    }
  };

  for (const [path, item] of Object.entries(spec.paths as Record<string, Node>)) {
    const itemPointer = `#/paths/${escapePointerFragment(path)}`;
    for (const method of HTTP_METHODS.filter((m) => item[m])) {
      const op = item[method];
      const opPointer = `${itemPointer}/${method}`;
      if (op.requestBody && !op.requestBody.$ref)
        fromContent(op.requestBody.content, `${opPointer}/requestBody`);
      for (const [code, response] of Object.entries(op.responses as Record<string, Node>)) {
        if (!response.$ref) fromContent(response.content, `${opPointer}/responses/${code}`);
      }
    }
  }
  const components = spec.components;
  for (const [name, parameter] of Object.entries(components.parameters as Record<string, Node>)) {
    const pointer = `#/components/parameters/${name}`;
    fromHolder(parameter, pointer, `${pointer}/schema`);
  }
  for (const [name, header] of Object.entries(components.headers as Record<string, Node>)) {
    const pointer = `#/components/headers/${name}`;
    fromHolder(header, pointer, `${pointer}/schema`);
  }
  for (const [name, response] of Object.entries(components.responses as Record<string, Node>)) {
    fromContent(response.content, `#/components/responses/${name}`);
  }
  for (const [name, schema] of Object.entries(components.schemas as Record<string, Node>)) {
    for (const [index, value] of (schema.examples ?? []).entries()) {
      found.push({
        where: `#/components/schemas/${name}/examples/${index}`,
        schemaPointer: `#/components/schemas/${name}`,
        value,
      });
    }
  }
  return found;
}

/** A copy of the spec in which every object schema rejects properties it does not declare. */
function closedSpec(): Node {
  const copy = structuredClone(spec);
  const close = (node: Node) => {
    if (node === null || typeof node !== "object") return;
    if (node.type === "object" && node.properties && node.additionalProperties === undefined) {
      node.additionalProperties = false;
    }
    Object.values(node).forEach(close);
  };
  close(copy);
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(closedSpec(), "spec");
const examples = collectExamples();

describe("examples", () => {
  it("cover every request body and every response", () => {
    const covered = new Set(examples.map((example) => example.schemaPointer));
    for (const [path, item] of Object.entries(spec.paths as Record<string, Node>)) {
      for (const method of HTTP_METHODS.filter((m) => item[m])) {
        const pointer = `#/paths/${escapePointerFragment(path)}/${method}`;
        const body = item[method].requestBody;
        if (body)
          expect(covered, `${pointer} request`).toContain(
            `${pointer}/requestBody/content/application~1json/schema`,
          );
        for (const [code, response] of Object.entries(item[method].responses as Record<string, Node>)) {
          const target = response.$ref ? `${response.$ref}` : `${pointer}/responses/${code}`;
          expect(covered, `${pointer} ${code}`).toContain(`${target}/content/application~1json/schema`);
        }
      }
    }
  });

  it.each(examples.map((example) => [example.where, example] as const))("%s is valid", (_, example) => {
    const validate =
      ajv.getSchema(`spec${example.schemaPointer}`) ?? ajv.compile({ $ref: `spec${example.schemaPointer}` });
    const valid = validate(example.value);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("are checked strictly: a wrong value and an undeclared field both fail", () => {
    const issue = ajv.compile({ $ref: "spec#/components/schemas/Issue" });
    const valid = structuredClone(
      spec.paths["/o/{organisation_id}/issues"].post.responses["201"].content["application/json"].examples
        .created.value,
    );
    expect(issue(valid)).toBe(true);
    expect(issue({ ...valid, seenCount: "4" })).toBe(false);
    expect(issue({ ...valid, createdAt: "yesterday" })).toBe(false);
    expect(issue({ ...valid, [undeclaredField("Issue")]: "someone" })).toBe(false);
  });
});
