/**
 * `versori-issues-api/validate`: opt-in checks of the API's answers against the spec. A severity
 * the published enum lacks (`critical`, which Versori's CLI docs already list) is caught where it
 * arrives, named by its JSON path and value.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createIssuesClient, type Issue, IssuesError, type ResponseToValidate } from "../../src/index.ts";
import { IssuesValidationError, validateResponses } from "../../src/validate/index.ts";
import { ENV, ORG, PROJECT } from "../support/fixtures.ts";

const issue: Issue = {
  id: "01M7WM9C8RPCHFN3HJ9KQ8X700",
  organisationId: ORG,
  projectId: PROJECT,
  environmentId: ENV,
  status: "open",
  reason: "error",
  severity: "high",
  title: "Order sync failed",
  message: "",
  labels: {},
  annotations: {},
  createdAt: "2026-11-20T10:00:00Z",
  lastSeenAt: "2026-11-20T10:00:00Z",
  seenCount: 1,
};
const critical = { ...issue, severity: "critical" };

/** A client whose API answers every list with `page`. */
const clientAnswering = (page: unknown[], validateResponse?: (response: ResponseToValidate) => void) =>
  createIssuesClient({
    baseUrl: "https://issues.test",
    token: "t",
    organisationId: ORG,
    fetch: async () => Response.json(page),
    validateResponse,
  });

afterEach(() => vi.restoreAllMocks());

describe("validateResponses", () => {
  it('"throw" rejects with an IssuesValidationError naming the JSON path and the value', async () => {
    const error = await clientAnswering([issue, critical], validateResponses("throw"))
      .list()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IssuesValidationError);
    expect(error).toBeInstanceOf(IssuesError);
    expect(error).toMatchObject({ status: 200, field: "[1].severity", value: "critical", method: "GET" });
    expect((error as Error).message).toBe(
      `[GET /o/${ORG}/issues] response 200: [1].severity must be one of high, low, medium (got "critical")`,
    );
  });

  it('"warn" tells console.warn and returns the data', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const page = await clientAnswering([critical], validateResponses("warn")).list();
    expect(page).toEqual([critical]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("[0].severity must be one of high, low, medium"),
    );
  });

  it("a callback gets each error, and the data is returned", async () => {
    const seen: IssuesValidationError[] = [];
    const page = await clientAnswering(
      [critical, { ...issue, seenCount: "4" }],
      validateResponses((e) => seen.push(e)),
    ).list();
    expect(page).toHaveLength(2);
    expect(seen.map((error) => [error.field, error.value])).toEqual([
      ["[0].severity", "critical"],
      ["[1].seenCount", "4"],
    ]);
  });

  it("lets data that matches the spec through untouched, and listAll pages as before", async () => {
    const pages = [[issue], []];
    const issues = createIssuesClient({
      baseUrl: "https://issues.test",
      token: "t",
      organisationId: ORG,
      fetch: async () => Response.json(pages.shift()),
      validateResponse: validateResponses("throw"),
    });
    const all: Issue[] = [];
    for await (const found of issues.listAll()) all.push(found);
    expect(all).toEqual([issue]);
  });

  it("is not used unless asked for: without it, the unknown value reaches the caller", async () => {
    expect(await clientAnswering([critical]).list()).toEqual([critical]);
  });
});
