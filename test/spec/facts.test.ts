/**
 * The recorded API decisions: every wire fact of the Issues API (../shared/api/issues-api.md,
 * part A) and every choice of part B, where Versori's description is wrong or silent. This is
 * the one file that names them; other tests read the spec (test/support/spec-facts.ts).
 *
 * A decision test fails with DECISION first. An edit that adds to the API (an optional field, an
 * enum value, a query parameter, an operation) passes: the tests ask that each decided name is
 * there, not that nothing else is, unless the exact set is itself the decision.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.ts";
import { deref, type Node, operation, operations, spec } from "./load-spec.ts";

const DECISION =
  "this edit changes a recorded API decision: update test/spec/facts.test.ts if that is what you meant";

/** A test of a recorded decision: its failure says so first, then what differs. */
function decided(name: string, body: () => void): void {
  it(name, () => {
    try {
      body();
    } catch (error) {
      if (error instanceof Error) error.message = `${DECISION}\n${error.message}`;
      throw error;
    }
  });
}

/** Each of `values` is in `list`, in this relative order; `list` may hold others as well. */
function expectInOrder(list: string[], values: string[], what: string): void {
  expect(list, what).toEqual(expect.arrayContaining(values));
  expect(
    list.filter((value) => values.includes(value)),
    `${what}, in order`,
  ).toEqual(values);
}

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
    expect(pkg.version, "package.json's version and info.version: npm run release sets both").toBe(
      spec.info.version,
    );
    const snapshot = JSON.parse(
      readFileSync(join(REPO_ROOT, "openapi/releases", `${spec.info.version}.json`), "utf8"),
    );
    expect(snapshot.info.version).toBe(spec.info.version);
  });

  decided("is titled Versori Issues API", () => {
    expect(spec.info.title).toBe("Versori Issues API");
  });

  decided("lists the production, staging and local servers", () => {
    expect(spec.servers.map((server: Node) => server.url)).toEqual([
      "https://platform.versori.com/api/v2",
      "https://platform-staging.versori.com/api/v2",
      "http://localhost:8901",
    ]);
  });

  decided("accepts a bearer token or the cookie, either one alone", () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    const { bearerAuth, cookieAuth } = spec.components.securitySchemes;
    expect(bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(cookieAuth).toMatchObject({ type: "apiKey", in: "cookie", name: "cookie" });
    for (const { operation: op } of operations()) expect(op.security, op.operationId).toBeUndefined();
  });

  decided("uses 3.1 type arrays, never the 3.0 `nullable` keyword", () => {
    walk(spec, (node, path) => expect(node, path).not.toHaveProperty("nullable"));
  });
});

describe("operations", () => {
  decided(
    "include ListIssues, CreateIssue and UpdateIssue, Versori's operationIds, all tagged issues",
    () => {
      const found = operations().map(({ method, path, operation: op }) => [op.operationId, method, path]);
      expect(found).toEqual(
        expect.arrayContaining([
          ["ListIssues", "get", "/o/{organisation_id}/issues"],
          ["CreateIssue", "post", "/o/{organisation_id}/issues"],
          ["UpdateIssue", "patch", "/o/{organisation_id}/issues/{issue_id}"],
        ]),
      );
      for (const { operation: op } of operations()) expect(op.tags, op.operationId).toEqual(["issues"]);
      expect(spec.tags.map((tag: Node) => tag.name)).toEqual(["issues"]);
    },
  );

  for (const [id, status] of [
    ["ListIssues", "200"],
    ["CreateIssue", "201"],
    ["UpdateIssue", "200"],
  ] as const) {
    decided(`${id} succeeds with ${status} and nothing else in 2xx`, () => {
      const codes = Object.keys(operation(id).operation.responses);
      expect(codes.filter((code) => code.startsWith("2"))).toEqual([status]);
    });
  }

  decided("speak only application/json", () => {
    for (const { operation: op } of operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        expect(Object.keys(deref(response).content ?? {}), `${op.operationId} ${code}`).toEqual([
          "application/json",
        ]);
      }
      if (op.requestBody) expect(Object.keys(deref(op.requestBody).content)).toEqual(["application/json"]);
    }
  });

  decided("ListIssues returns a bare array of Issue, with no body", () => {
    const { operation: op } = operation("ListIssues");
    expect(op.requestBody).toBeUndefined();
    const body = op.responses["200"].content["application/json"].schema;
    expect(body.type).toBe("array");
    expect(body.items).toEqual({ $ref: "#/components/schemas/Issue" });
    expect(op.responses["200"].headers).toBeUndefined();
  });

  decided("CreateIssue takes a required CreateIssue body and returns the Issue", () => {
    const { operation: op } = operation("CreateIssue");
    expect(deref(op.requestBody).required).toBe(true);
    expect(jsonBody(op.requestBody)).toBe(schema("CreateIssue"));
    expect(jsonBody(op.responses["201"])).toBe(schema("Issue"));
  });

  decided("UpdateIssue takes a required UpdateIssue body and returns the Issue", () => {
    const { operation: op } = operation("UpdateIssue");
    expect(deref(op.requestBody).required).toBe(true);
    expect(jsonBody(op.requestBody)).toBe(schema("UpdateIssue"));
    expect(jsonBody(op.responses["200"])).toBe(schema("Issue"));
  });

  decided("declare the errors a client must handle, each an Error with an example", () => {
    const declared: Record<string, string[]> = {
      ListIssues: ["400", "401", "403", "429", "500", "default"],
      CreateIssue: ["400", "401", "403", "429", "500", "default"],
      UpdateIssue: ["400", "401", "403", "404", "429", "500", "default"],
    };
    for (const [id, codes] of Object.entries(declared)) {
      expect(Object.keys(operation(id).operation.responses), id).toEqual(expect.arrayContaining(codes));
    }
    for (const { operation: op } of operations()) {
      const errors = Object.keys(op.responses).filter((code) => !code.startsWith("2"));
      expect(errors, `${op.operationId}: the catch-all response`).toContain("default");
      for (const code of errors) {
        const media = deref(op.responses[code]).content["application/json"];
        expect(deref(media.schema), `${op.operationId} ${code}`).toBe(schema("Error"));
        expect(Object.keys(media.examples ?? {}).length, `${op.operationId} ${code}`).toBeGreaterThan(0);
      }
      if (op.responses["429"]) {
        const tooMany = deref(op.responses["429"]);
        expect(deref(tooMany.headers["Retry-After"]).schema.type, op.operationId).toBe("string");
      }
      if (op.responses["400"]) {
        const badRequest = deref(op.responses["400"]).content["application/json"].examples;
        expect(
          Object.values(badRequest).some((example: Node) => example.value.fields?.length > 0),
          `${op.operationId} 400: an example with fields`,
        ).toBe(true);
      }
    }
  });
});

describe("parameters", () => {
  decided("organisation_id and issue_id are required ULID path parameters", () => {
    const { parameters } = operation("UpdateIssue");
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["organisation_id", "path", true],
      ["issue_id", "path", true],
    ]);
    for (const id of ["ListIssues", "CreateIssue"]) {
      expect(
        operation(id)
          .parameters.filter((p) => p.in === "path")
          .map((p) => p.name),
      ).toEqual(["organisation_id"]);
    }
    for (const { operation: op, parameters: all } of operations()) {
      for (const parameter of all.filter((p) => p.in === "path")) {
        expect(deref(parameter.schema), `${op.operationId} ${parameter.name}`).toBe(schema("Ulid"));
      }
    }
  });

  decided("ListIssues takes the eight query parameters, each optional and single-valued", () => {
    const query = operation("ListIssues").parameters.filter((p) => p.in === "query");
    expectInOrder(
      query.map((p) => p.name),
      ["first", "after", "before", "search_date", "status", "severity", "project_id", "environment_id"],
      "ListIssues' query parameters",
    );
    for (const parameter of query) {
      expect(parameter.required ?? false, parameter.name).toBe(false);
      expect(deref(parameter.schema).type, parameter.name).not.toBe("array");
    }
    const byName = Object.fromEntries(query.map((p) => [p.name, deref(p.schema)]));
    expect(byName.first).toMatchObject({ type: "integer", default: 20 });
    expect(byName.first).not.toHaveProperty("maximum");
    expect(byName.after.type).toBe("string");
    expect(byName.before.type).toBe("string");
    expect(byName.search_date).toMatchObject({ type: "string", default: "createdAt" });
    expectInOrder(byName.search_date.enum, ["createdAt", "lastSeenAt"], "search_date");
    expect(byName.status).toBe(schema("IssueStatus"));
    expect(byName.severity).toBe(schema("IssueSeverity"));
    expect(byName.project_id).toBe(schema("Ulid"));
    expect(byName.environment_id).toBe(schema("Ulid"));
  });

  decided("has no assignee filter (upstream's description mentions one that does not exist)", () => {
    const names = operations().flatMap(({ parameters }) => parameters.map((p) => p.name));
    expect(names).not.toContain("assignee");
  });
});

describe("ULIDs", () => {
  it.each(["01M7WM9C8RPCHFN3HJ9KQ8X77N", "00000000000000000000000000", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"])(
    "accepts %s",
    (value) => expect(value, DECISION).toMatch(ulidPattern),
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
  ])("rejects %s", (_, value) => expect(value, DECISION).not.toMatch(ulidPattern));

  decided("constrain every ID field of the models", () => {
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
  // Each holds these values in this order; a value added to one is an addition, not a change.
  for (const [name, values] of [
    ["IssueReason", ["error", "manual"]],
    // `critical` as Versori's CLI validates it (openapi/upstream-differences.yaml), in its order.
    ["IssueSeverity", ["critical", "high", "low", "medium"]],
    ["IssueStatus", ["open", "closed", "acked", "resolved"]],
    ["IssueResolutionStatus", ["resolved", "negated", "ignored"]],
  ] as const) {
    decided(`${name} holds ${values.join(", ")}`, () => {
      expect(schema(name).type, name).toBe("string");
      expectInOrder(schema(name).enum, [...values], name);
    });
  }

  decided("the severity enum has the `critical` Versori's CLI validates, and says why", () => {
    expect(schema("IssueSeverity").enum).toContain("critical");
    expect(schema("IssueSeverity").description).toMatch(/published[\s\S]*CLI[\s\S]*critical/);
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

  decided("Issue has the required and optional fields of the wire format, and no `duplication`", () => {
    const issue = schema("Issue");
    expect(issue.required).toEqual(
      expect.arrayContaining([
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
      ]),
    );
    expect(propertyTypes("Issue")).toMatchObject({
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
    // Optional in a response, as the wire format has them.
    for (const field of ["resolutionStatus", "resolvedAt", "severity"]) {
      expect(issue.required, `Issue.${field} is optional`).not.toContain(field);
    }
    expect(issue.properties).not.toHaveProperty("duplication");
    expect(issue.properties.resolvedAt.type).toEqual(["string", "null"]);
  });

  decided("labels and annotations are string-to-string maps", () => {
    for (const name of ["Labels", "Annotations"]) {
      expect(schema(name)).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
      expect(schema(name).properties).toBeUndefined();
    }
  });

  decided(
    "CreateIssue requires organisationId, environmentId, reason, title and severity; projectId is optional",
    () => {
      const create = schema("CreateIssue");
      expect(create.required).toEqual(
        expect.arrayContaining(["environmentId", "organisationId", "reason", "severity", "title"]),
      );
      for (const field of ["projectId", "message", "labels", "annotations"]) {
        expect(create.required, `CreateIssue.${field} is optional`).not.toContain(field);
      }
      expect(create.additionalProperties, "CreateIssue is closed").toBe(false);
      expect(propertyTypes("CreateIssue")).toMatchObject({
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
    },
  );

  decided("UpdateIssue is a partial update of the changeable fields only", () => {
    const update = schema("UpdateIssue");
    expect(update.required).toBeUndefined();
    expect(update.additionalProperties, "UpdateIssue is closed").toBe(false);
    expect(propertyTypes("UpdateIssue")).toMatchObject({
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
    const unchangeable = ["id", "organisationId", "projectId", "environmentId", "createdAt", "lastSeenAt"];
    for (const field of unchangeable) {
      expect(update.properties, `UpdateIssue cannot change ${field}`).not.toHaveProperty(field);
    }
    expect(update.properties.resolvedAt.type).toEqual(["string", "null"]);
  });

  decided("Error has code and message, with optional details and fields", () => {
    expect(schema("Error").required).toEqual(["code", "message"]);
    expect(propertyTypes("Error")).toMatchObject({
      code: "string",
      message: "string",
      details: "string",
      fields: "array",
    });
    expect(schema("Error").properties.fields.items).toEqual({ $ref: "#/components/schemas/ErrorField" });
    expect(schema("ErrorField").required).toEqual(["field", "message"]);
    expect(propertyTypes("ErrorField")).toMatchObject({ field: "string", message: "string" });
  });
});

describe("documentation", () => {
  decided("describes every operation, parameter, schema and property", () => {
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

  decided("explains pagination, the lifecycle and the known discrepancies", () => {
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

  decided("says the list is newest first, and where after and before lead in that order", () => {
    expect(operation("ListIssues").operation.description).toMatch(/newest first/);
    expect(spec.info.description).toMatch(/ordered newest first by the timestamp named in `search_date`/);
    expect(spec.info.description).not.toMatch(/oldest first/);
    const parameter = (name: string) =>
      deref(operation("ListIssues").parameters.find((p) => p.name === name)).description as string;
    expect(parameter("after")).toMatch(/strictly earlier\s+than that instant/);
    expect(parameter("before")).toMatch(/strictly later than that instant/);
  });
});
