/**
 * The spec states every wire fact of the Issues API (../shared/api/issues-api.md, part A) and
 * applies every decision of part B. Checked on the parsed document, not by matching strings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.ts";
import { deref, type Node, operation, operations, spec } from "./load-spec.ts";

const schema = (name: string): Node => spec.components.schemas[name];
const jsonBody = (body: Node): Node => deref(deref(body).content["application/json"].schema);
const ulidPattern = new RegExp(schema("Ulid").pattern);

/** Walks every object in the spec, calling `visit` with its JSON path. */
function walk(node: Node, visit: (node: Node, path: string) => void, path = "#"): void {
  if (node === null || typeof node !== "object") return;
  visit(node, path);
  for (const [key, child] of Object.entries(node)) walk(child, visit, `${path}/${key}`);
}

describe("document", () => {
  it("is OpenAPI 3.1 at the package's version, which has a release snapshot", () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.version).toBe(spec.info.version);
    const snapshot = JSON.parse(
      readFileSync(join(REPO_ROOT, "openapi/releases", `${spec.info.version}.json`), "utf8"),
    );
    expect(snapshot.info.version).toBe(spec.info.version);
    expect(spec.info.title).toBe("Versori Issues API");
  });

  it("lists the production, staging and local servers", () => {
    expect(spec.servers.map((server: Node) => server.url)).toEqual([
      "https://platform.versori.com/api/v2",
      "https://platform-staging.versori.com/api/v2",
      "http://localhost:8901",
    ]);
  });

  it("accepts a bearer token or the cookie, either one alone", () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    const { bearerAuth, cookieAuth } = spec.components.securitySchemes;
    expect(bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(cookieAuth).toMatchObject({ type: "apiKey", in: "cookie", name: "cookie" });
    for (const { operation: op } of operations()) expect(op.security).toBeUndefined();
  });

  it("uses 3.1 type arrays, never the 3.0 `nullable` keyword", () => {
    walk(spec, (node, path) => expect(node, path).not.toHaveProperty("nullable"));
  });
});

describe("operations", () => {
  it("are exactly ListIssues, CreateIssue and UpdateIssue, tagged issues", () => {
    const found = operations().map(({ method, path, operation: op }) => [
      op.operationId,
      method,
      path,
      op.tags,
    ]);
    expect(found).toEqual([
      ["ListIssues", "get", "/o/{organisation_id}/issues", ["issues"]],
      ["CreateIssue", "post", "/o/{organisation_id}/issues", ["issues"]],
      ["UpdateIssue", "patch", "/o/{organisation_id}/issues/{issue_id}", ["issues"]],
    ]);
    expect(spec.tags.map((tag: Node) => tag.name)).toEqual(["issues"]);
  });

  it.each([
    ["ListIssues", "200"],
    ["CreateIssue", "201"],
    ["UpdateIssue", "200"],
  ])("%s succeeds with %s and nothing else in 2xx", (id, status) => {
    const codes = Object.keys(operation(id).operation.responses);
    expect(codes.filter((code) => code.startsWith("2"))).toEqual([status]);
  });

  it("speak only application/json", () => {
    for (const { operation: op } of operations()) {
      for (const response of Object.values(op.responses)) {
        expect(Object.keys(deref(response).content ?? {})).toEqual(["application/json"]);
      }
      if (op.requestBody) expect(Object.keys(deref(op.requestBody).content)).toEqual(["application/json"]);
    }
  });

  it("ListIssues returns a bare array of Issue, with no body", () => {
    const { operation: op } = operation("ListIssues");
    expect(op.requestBody).toBeUndefined();
    const body = op.responses["200"].content["application/json"].schema;
    expect(body.type).toBe("array");
    expect(body.items).toEqual({ $ref: "#/components/schemas/Issue" });
    expect(op.responses["200"].headers).toBeUndefined();
  });

  it("CreateIssue takes a required CreateIssue body and returns the Issue", () => {
    const { operation: op } = operation("CreateIssue");
    expect(deref(op.requestBody).required).toBe(true);
    expect(jsonBody(op.requestBody)).toBe(schema("CreateIssue"));
    expect(jsonBody(op.responses["201"])).toBe(schema("Issue"));
  });

  it("UpdateIssue takes a required UpdateIssue body and returns the Issue", () => {
    const { operation: op } = operation("UpdateIssue");
    expect(deref(op.requestBody).required).toBe(true);
    expect(jsonBody(op.requestBody)).toBe(schema("UpdateIssue"));
    expect(jsonBody(op.responses["200"])).toBe(schema("Issue"));
  });

  it("declare the errors a client must handle, each an Error with an example", () => {
    for (const { operation: op } of operations()) {
      const expected = ["400", "401", "403", "429", "500", "default"];
      if (op.operationId === "UpdateIssue") expected.splice(3, 0, "404");
      const errors = Object.keys(op.responses).filter((code) => !code.startsWith("2"));
      expect(errors, op.operationId).toEqual(expected);
      for (const code of errors) {
        const media = deref(op.responses[code]).content["application/json"];
        expect(deref(media.schema), `${op.operationId} ${code}`).toBe(schema("Error"));
        expect(Object.keys(media.examples ?? {}).length, `${op.operationId} ${code}`).toBeGreaterThan(0);
      }
      const tooMany = deref(op.responses["429"]);
      expect(deref(tooMany.headers["Retry-After"]).schema.type).toBe("string");
      const badRequest = deref(op.responses["400"]).content["application/json"].examples;
      expect(Object.values(badRequest).some((example: Node) => example.value.fields?.length > 0)).toBe(true);
    }
  });
});

describe("parameters", () => {
  it("organisation_id and issue_id are required ULID path parameters", () => {
    const { parameters } = operation("UpdateIssue");
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["organisation_id", "path", true],
      ["issue_id", "path", true],
    ]);
    for (const parameter of parameters) expect(deref(parameter.schema)).toBe(schema("Ulid"));
    for (const id of ["ListIssues", "CreateIssue"]) {
      expect(
        operation(id)
          .parameters.filter((p) => p.in === "path")
          .map((p) => p.name),
      ).toEqual(["organisation_id"]);
    }
  });

  it("ListIssues takes exactly the eight optional single-valued query parameters", () => {
    const query = operation("ListIssues").parameters.filter((p) => p.in === "query");
    expect(query.map((p) => p.name)).toEqual([
      "first",
      "after",
      "before",
      "search_date",
      "status",
      "severity",
      "project_id",
      "environment_id",
    ]);
    for (const parameter of query) {
      expect(parameter.required ?? false, parameter.name).toBe(false);
      expect(deref(parameter.schema).type, parameter.name).not.toBe("array");
    }
    const byName = Object.fromEntries(query.map((p) => [p.name, deref(p.schema)]));
    expect(byName.first).toMatchObject({ type: "integer", default: 20 });
    expect(byName.first).not.toHaveProperty("maximum");
    expect(byName.after.type).toBe("string");
    expect(byName.before.type).toBe("string");
    expect(byName.search_date).toMatchObject({
      type: "string",
      enum: ["createdAt", "lastSeenAt"],
      default: "createdAt",
    });
    expect(byName.status).toBe(schema("IssueStatus"));
    expect(byName.severity).toBe(schema("IssueSeverity"));
    expect(byName.project_id).toBe(schema("Ulid"));
    expect(byName.environment_id).toBe(schema("Ulid"));
  });

  it("has no assignee filter (upstream's description mentions one that does not exist)", () => {
    const names = operations().flatMap(({ parameters }) => parameters.map((p) => p.name));
    expect(names).not.toContain("assignee");
  });
});

describe("ULIDs", () => {
  it.each(["01M7WM9C8RPCHFN3HJ9KQ8X77N", "00000000000000000000000000", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"])(
    "accepts %s",
    (value) => expect(value).toMatch(ulidPattern),
  );

  it.each([
    ["too short", "01M7WM9C8RPCHFN3HJ9KQ8X77"],
    ["too long", "01M7WM9C8RPCHFN3HJ9KQ8X77NN"],
    ["first character above 7", "81M7WM9C8RPCHFN3HJ9KQ8X77N"],
    ["letter I", "01M7WM9C8RPCHFN3HJ9KQ8X77I"],
    ["letter L", "01M7WM9C8RPCHFN3HJ9KQ8X77L"],
    ["letter O", "01M7WM9C8RPCHFN3HJ9KQ8X77O"],
    ["letter U", "01M7WM9C8RPCHFN3HJ9KQ8X77U"],
    ["lower case", "01m7wm9c8rpchfn3hj9kq8x77n"],
    ["a path", "../x?y#z"],
  ])("rejects %s", (_, value) => expect(value).not.toMatch(ulidPattern));

  it("constrain every ID field of the models", () => {
    const ids: Array<[string, string]> = [
      ["Issue", "id"],
      ["Issue", "organisationId"],
      ["Issue", "projectId"],
      ["Issue", "environmentId"],
      ["CreateIssue", "organisationId"],
      ["CreateIssue", "environmentId"],
      ["CreateIssue", "projectId"],
    ];
    for (const [model, field] of ids)
      expect(deref(schema(model).properties[field]), `${model}.${field}`).toBe(schema("Ulid"));
  });
});

describe("enums, in upstream order", () => {
  it.each([
    ["IssueReason", ["error", "manual"]],
    // `critical` as Versori's CLI validates it (openapi/upstream-differences.yaml), in its order.
    ["IssueSeverity", ["critical", "high", "low", "medium"]],
    ["IssueStatus", ["open", "closed", "acked", "resolved"]],
    ["IssueResolutionStatus", ["resolved", "negated", "ignored"]],
  ])("%s is %j", (name, values) => {
    expect(schema(name)).toMatchObject({ type: "string", enum: values });
  });
});

describe("models", () => {
  /** Each property's type: the schema it refers to, or its own `type:format`. */
  const propertyTypes = (name: string) =>
    Object.fromEntries(
      Object.entries(schema(name).properties as Record<string, Node>).map(([key, value]) => [
        key,
        value.$ref ? value.$ref.split("/").pop() : [value.type, value.format].filter(Boolean).join(":"),
      ]),
    );

  it("Issue has the required and optional fields of the wire format, and no `duplication`", () => {
    const issue = schema("Issue");
    expect([...issue.required].sort()).toEqual(
      [
        "id",
        "organisationId",
        "projectId",
        "environmentId",
        "status",
        "reason",
        "message",
        "title",
        "labels",
        "annotations",
        "createdAt",
        "lastSeenAt",
        "seenCount",
      ].sort(),
    );
    expect(propertyTypes("Issue")).toEqual({
      id: "Ulid",
      organisationId: "Ulid",
      projectId: "Ulid",
      environmentId: "Ulid",
      status: "IssueStatus",
      reason: "IssueReason",
      message: "string",
      title: "string",
      labels: "Labels",
      annotations: "Annotations",
      createdAt: "string:date-time",
      lastSeenAt: "string:date-time",
      seenCount: "integer",
      resolutionStatus: "IssueResolutionStatus",
      resolvedAt: "string,null:date-time",
      severity: "IssueSeverity",
    });
    expect(issue.properties).not.toHaveProperty("duplication");
    expect(issue.properties.resolvedAt.type).toEqual(["string", "null"]);
  });

  it("labels and annotations are string-to-string maps", () => {
    for (const name of ["Labels", "Annotations"]) {
      expect(schema(name)).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
      expect(schema(name).properties).toBeUndefined();
    }
  });

  it("CreateIssue requires organisationId, environmentId, reason, title and severity; projectId is optional", () => {
    const create = schema("CreateIssue");
    expect([...create.required].sort()).toEqual([
      "environmentId",
      "organisationId",
      "reason",
      "severity",
      "title",
    ]);
    expect(propertyTypes("CreateIssue")).toEqual({
      organisationId: "Ulid",
      environmentId: "Ulid",
      reason: "IssueReason",
      title: "string",
      severity: "IssueSeverity",
      projectId: "Ulid",
      message: "string",
      labels: "Labels",
      annotations: "Annotations",
    });
    for (const id of ["organisationId", "environmentId", "projectId"]) {
      expect(deref(create.properties[id]), id).toBe(schema("Ulid"));
    }
  });

  it("UpdateIssue is a partial update of the changeable fields only", () => {
    const update = schema("UpdateIssue");
    expect(update.required).toBeUndefined();
    expect(propertyTypes("UpdateIssue")).toEqual({
      reason: "IssueReason",
      message: "string",
      title: "string",
      labels: "Labels",
      annotations: "Annotations",
      severity: "IssueSeverity",
      status: "IssueStatus",
      resolutionStatus: "IssueResolutionStatus",
      resolvedAt: "string,null:date-time",
    });
    expect(update.properties.resolvedAt.type).toEqual(["string", "null"]);
  });

  it("Error has code and message, with optional details and fields", () => {
    expect(schema("Error").required).toEqual(["code", "message"]);
    expect(propertyTypes("Error")).toEqual({
      code: "string",
      message: "string",
      details: "string",
      fields: "array",
    });
    expect(schema("Error").properties.fields.items).toEqual({ $ref: "#/components/schemas/ErrorField" });
    expect(schema("ErrorField").required).toEqual(["field", "message"]);
    expect(propertyTypes("ErrorField")).toEqual({ field: "string", message: "string" });
  });

  it("the severity enum has the `critical` Versori's CLI validates, and says why", () => {
    expect(schema("IssueSeverity").enum).toContain("critical");
    expect(schema("IssueSeverity").description).toMatch(/published[\s\S]*CLI[\s\S]*critical/);
  });
});

describe("documentation", () => {
  it("describes every operation, parameter, schema and property", () => {
    for (const { operation: op, parameters } of operations()) {
      expect(op.description?.trim(), op.operationId).toBeTruthy();
      expect(op.summary?.trim(), op.operationId).toBeTruthy();
      for (const parameter of parameters) expect(parameter.description?.trim(), parameter.name).toBeTruthy();
    }
    for (const [name, value] of Object.entries(spec.components.schemas as Record<string, Node>)) {
      expect(value.description?.trim(), name).toBeTruthy();
      for (const [key, property] of Object.entries((value.properties ?? {}) as Record<string, Node>)) {
        expect(property.description?.trim(), `${name}.${key}`).toBeTruthy();
      }
    }
    for (const tag of spec.tags) expect(tag.description?.trim(), tag.name).toBeTruthy();
  });

  it("explains pagination, the lifecycle and the known discrepancies", () => {
    const text = spec.info.description as string;
    for (const heading of ["## Pagination", "## The issue lifecycle", "## Errors", "## Authentication"]) {
      expect(text).toContain(heading);
    }
    // The last section comes from openapi/upstream-differences.yaml, added when the spec is bundled.
    expect(text).not.toContain("## Known discrepancies");
    const bundled = JSON.parse(readFileSync(join(REPO_ROOT, "generated/openapi.json"), "utf8"));
    expect(bundled.info.description).toContain(
      "\n\n## Known discrepancies with Versori's own description\n\n- ",
    );
    const after = operation("ListIssues").parameters.find((p) => p.name === "after");
    expect(after.description).toMatch(/issue ID/);
    expect(after.description).toMatch(/timestamp/);
    expect(operation("ListIssues").operation.description).toMatch(/fewer|shorter/);
  });

  it("says the list is newest first, and where after and before lead in that order", () => {
    expect(operation("ListIssues").operation.description).toMatch(/newest first/);
    expect(spec.info.description).toMatch(/ordered newest first by the timestamp named in `search_date`/);
    expect(spec.info.description).not.toMatch(/oldest first/);
    const parameter = (name: string) =>
      deref(operation("ListIssues").parameters.find((p) => p.name === name)).description as string;
    expect(parameter("after")).toMatch(/strictly earlier\s+than that instant/);
    expect(parameter("before")).toMatch(/strictly later than that instant/);
  });
});
