/**
 * The fake refuses, when it is created, a spec it cannot serve as the spec says: a ListIssues
 * query parameter its list rules do not read (a renamed `first` would otherwise be ignored, and
 * every page come back empty), or an operation it has no handler for (which would otherwise be
 * a 500 at the first request). Each message names what to change and the file to change it in.
 */
import { describe, expect, it } from "vitest";
import bundle from "../../generated/openapi.dereferenced.json" with { type: "json" };
import type { OpenApiDocument, OperationObject, Parameter } from "../../src/spec/document.ts";
import { compileSpec } from "../../src/spec/index.ts";
import { checkSpecCoverage, createOperations } from "../../src/testing/operations.ts";
import { IssueStore } from "../../src/testing/store.ts";

const ISSUES = "/o/{organisation_id}/issues";
const ISSUE = `${ISSUES}/{issue_id}`;

/** A copy of the generated, dereferenced spec, to edit as the API team might. */
const editedSpec = () => structuredClone(bundle) as unknown as OpenApiDocument;

const listIssues = (document: OpenApiDocument) => document.paths[ISSUES]!.get as OperationObject;

const queryParameter = (document: OpenApiDocument, name: string) =>
  listIssues(document).parameters!.find((parameter) => parameter.in === "query" && parameter.name === name)!;

const handlers = createOperations({
  store: new IssueStore(),
  spec: compileSpec(),
  now: () => new Date(),
  maxPageSize: () => 100,
});

const check = (document: OpenApiDocument) => () => checkSpecCoverage(document, handlers);

describe("the fake, at creation, refuses a spec it does not know", () => {
  it("accepts the spec as generated", () => {
    expect(check(editedSpec())).not.toThrow();
  });

  it("names a renamed ListIssues query parameter, the one its rules read, and the file to teach", () => {
    const document = editedSpec();
    queryParameter(document, "first").name = "limit";
    expect(check(document)).toThrow(
      'the fake does not know ListIssues query parameter "limit" and reads "first", which the spec no longer has: teach it in src/testing/list-rules.ts',
    );
  });

  it("names every new ListIssues query parameter", () => {
    const document = editedSpec();
    const added = (name: string): Parameter => ({ name, in: "query", schema: { type: "string" } });
    listIssues(document).parameters!.push(added("assignee"), added("tag"));
    expect(check(document)).toThrow(
      'the fake does not know ListIssues query parameters "assignee", "tag": teach it in src/testing/list-rules.ts',
    );
  });

  it("names a query parameter given on the path, which every operation of the path shares", () => {
    const document = editedSpec();
    const item = document.paths[ISSUES]!;
    item.parameters = [
      ...(item.parameters ?? []),
      { name: "region", in: "query", schema: { type: "string" } },
    ];
    expect(check(document)).toThrow('the fake does not know ListIssues query parameter "region"');
  });

  it("names a parameter its rules read that the spec dropped", () => {
    const document = editedSpec();
    const list = listIssues(document);
    list.parameters = list.parameters!.filter((parameter) => parameter.name !== "search_date");
    expect(check(document)).toThrow(
      'the fake reads ListIssues query parameter "search_date", which the spec no longer has: teach it in src/testing/list-rules.ts',
    );
  });

  it("names an operation it has no handler for, and where handlers are written", () => {
    const document = editedSpec();
    const update = document.paths[ISSUE]!.patch!;
    document.paths[ISSUE]!.get = { ...update, operationId: "GetIssue", requestBody: undefined } as never;
    expect(check(document)).toThrow(
      "the fake has no handler for GetIssue: add one in src/testing/operations.ts",
    );
  });

  it("names every problem at once, one a line", () => {
    const document = editedSpec();
    queryParameter(document, "first").name = "limit";
    document.paths["/o/{organisation_id}/issues/{issue_id}/comments"] = {
      get: { ...listIssues(document), operationId: "ListComments" },
      post: { ...document.paths[ISSUES]!.post!, operationId: "CreateComment" },
    };
    let message = "";
    try {
      checkSpecCoverage(document, handlers);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'the fake does not know ListIssues query parameter "limit" and reads "first", which the spec no longer has: teach it in src/testing/list-rules.ts',
      "the fake has no handler for ListComments, CreateComment: add one each in src/testing/operations.ts",
    ]);
  });
});
