/**
 * The dereferenced bundle (generated/openapi.dereferenced.json) as the spec engine reads it: only
 * the parts of OpenAPI 3.1 it uses, typed. The spec's own tests check that the file has this
 * shape; a dereferenced document has no `$ref`, so every schema is found where it is used.
 */
import bundle from "../../generated/openapi.dereferenced.json" with { type: "json" };

/** A JSON Schema (2020-12), as OpenAPI 3.1 writes one: an object of keywords, or true / false. */
export type Schema = boolean | SchemaObject;

export interface SchemaObject {
  type?: string | string[];
  default?: unknown;
  [keyword: string]: unknown;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: SchemaObject;
}

export interface MediaType {
  schema: Schema;
}

export interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type PathItem = { parameters?: Parameter[] } & Partial<
  Record<(typeof HTTP_METHODS)[number], OperationObject>
>;

export interface OpenApiDocument {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
}

export const document = bundle as unknown as OpenApiDocument;
