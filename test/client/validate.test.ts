/**
 * `versori-issues-api/validate`: opt-in checks of the API's answers against the spec. A severity
 * the spec's enum lacks (`urgent`, as a server might one day add) is caught where it arrives,
 * named by its JSON path and value.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createIssuesClient, type Issue, IssuesError } from "../../src/index.ts";
import { IssuesValidationError, type OnInvalid, validateResponses } from "../../src/validate/index.ts";
import spec from "../../generated/openapi.json" with { type: "json" };
import { ENV, ORG, orderSync, PROJECT } from "../support/fixtures.ts";

const SEVERITIES = spec.components.schemas.IssueSeverity.enum.join(", ");

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
const urgent = { ...issue, id: "01M7WM9C8RPCHFN3HJ9KQ8X701", severity: "urgent" };

/** A checked client whose API answers with each of `bodies` in turn. */
function clientAnswering(bodies: unknown[], onInvalid?: OnInvalid) {
  const client = createIssuesClient({
    baseUrl: "https://issues.test",
    token: "t",
    organisationId: ORG,
    fetch: async (request) =>
      Response.json(bodies.shift(), { status: (request as Request).method === "POST" ? 201 : 200 }),
  });
  return validateResponses(client, onInvalid);
}

/** A checked client whose `list` resolves with `page` as it is, parsed from no JSON at all. */
function clientListing(page: unknown, onInvalid?: OnInvalid) {
  const client = createIssuesClient({ baseUrl: "https://issues.test", token: "t", organisationId: ORG });
  return validateResponses({ ...client, list: async () => page as Issue[] }, onInvalid);
}

/** A checked client whose API answers every call with the JSON text `body`. */
function clientAnsweringText(body: string, onInvalid?: OnInvalid) {
  const client = createIssuesClient({
    baseUrl: "https://issues.test",
    token: "t",
    organisationId: ORG,
    fetch: async () => new Response(body, { headers: { "content-type": "application/json" } }),
  });
  return validateResponses(client, onInvalid);
}

/** `[issue]` as JSON text, with `labels` written as the text given (JSON.stringify cannot nest it so deep). */
const pageWithLabels = (labels: string) =>
  `[${JSON.stringify({ ...issue, labels: {} }).replace('"labels":{}', `"labels":${labels}`)}]`;
const DEPTH = 5000;
const deepLabel = pageWithLabels(`{"env":${'{"a":'.repeat(DEPTH)}"x"${"}".repeat(DEPTH)}}`);
/** A label key the validator cannot write into a JSON pointer: a lone surrogate. */
const loneSurrogateLabel = pageWithLabels('{"\\ud800":"x"}');
/** An issue whose title cannot be read: the validator itself fails on it. */
const unreadable = Object.defineProperty({ ...issue }, "title", {
  enumerable: true,
  get() {
    throw new Error("unreadable");
  },
});
const LIST = "[GET /o/{organisation_id}/issues]";

afterEach(() => vi.restoreAllMocks());

describe("validateResponses", () => {
  it('"throw" rejects with an IssuesValidationError naming the JSON path and the value', async () => {
    const error = await clientAnswering([[issue, urgent]])
      .list()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IssuesValidationError);
    expect(error).toBeInstanceOf(IssuesError);
    expect(error).toMatchObject({
      name: "IssuesValidationError",
      operationId: "ListIssues",
      field: "[1].severity",
      value: "urgent",
      method: "GET",
      path: "/o/{organisation_id}/issues",
    });
    expect((error as Error).message).toBe(
      `${LIST} ListIssues answered against the spec: [1].severity must be one of ${SEVERITIES} (got "urgent")`,
    );
  });

  it("checks create, update and each issue of listAll too", async () => {
    await expect(clientAnswering([urgent]).create(orderSync)).rejects.toMatchObject({
      operationId: "CreateIssue",
      field: "severity",
    });
    await expect(clientAnswering([urgent]).acknowledge(issue.id)).rejects.toMatchObject({
      operationId: "UpdateIssue",
      method: "PATCH",
      path: "/o/{organisation_id}/issues/{issue_id}",
    });
    const all = clientAnswering([[issue, urgent], []]).listAll();
    expect((await all.next()).value).toEqual(issue);
    await expect(all.next()).rejects.toMatchObject({ field: "severity", value: "urgent" });
  });

  it('"warn" tells console.warn and returns the data', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await clientAnswering([[urgent]], "warn").list()).toEqual([urgent]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`[0].severity must be one of ${SEVERITIES}`));
  });

  it("a callback gets each error, and the data is returned", async () => {
    const seen: IssuesValidationError[] = [];
    const page = await clientAnswering([[urgent, { ...issue, seenCount: "4" }]], (error) =>
      seen.push(error),
    ).list();
    expect(page).toHaveLength(2);
    expect(seen.map((error) => [error.field, error.value])).toEqual([
      ["[0].severity", "urgent"],
      ["[1].seenCount", "4"],
    ]);
  });

  it("lets data that matches the spec through untouched", async () => {
    const all: Issue[] = [];
    for await (const found of clientAnswering([[issue], []]).listAll()) all.push(found);
    expect(all).toEqual([issue]);
  });
});

describe("validating never throws anything but IssuesValidationError", () => {
  it('"throw" names a label value nested 5,000 levels deep, with a short preview of it', async () => {
    const error = await clientAnsweringText(deepLabel)
      .list()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IssuesValidationError);
    expect(error).toMatchObject({
      operationId: "ListIssues",
      field: "[0].labels.env",
      problem: "must be string",
    });
    expect((error as Error).message).toBe(
      `${LIST} ListIssues answered against the spec: [0].labels.env must be string (got {"a":{"a":{"a":{…}}}})`,
    );
  });

  it('"warn" warns of a label value nested 5,000 levels deep and returns the data', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const page = await clientAnsweringText(deepLabel, "warn").list();
    expect(page.map((found) => found.id)).toEqual([issue.id]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0]).length).toBeLessThan(300);
  });

  it('"throw" names a label key that no JSON pointer can hold, with the validator\'s error as the cause', async () => {
    const error = await clientAnsweringText(loneSurrogateLabel)
      .list()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IssuesValidationError);
    expect(error).toMatchObject({ operationId: "ListIssues", field: "[0].labels", value: { "\ud800": "x" } });
    expect((error as Error).cause).toBeInstanceOf(URIError);
    expect((error as Error).message).toBe(
      `${LIST} ListIssues answered against the spec: [0].labels has a key that is not well-formed Unicode: "\\ud800" (got {"\\ud800":"x"})`,
    );
  });

  it('"warn" warns of a label key that no JSON pointer can hold and returns the data', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const page = await clientAnsweringText(loneSurrogateLabel, "warn").list();
    expect(page.map((found) => found.id)).toEqual([issue.id]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("[0].labels has a key that is not well-formed"),
    );
  });

  it('"throw" turns the validator\'s own failure into an IssuesValidationError with the cause', async () => {
    const error = await clientListing([unreadable])
      .list()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IssuesValidationError);
    expect(error).toMatchObject({ operationId: "ListIssues", field: "body" });
    expect((error as Error).cause).toEqual(new Error("unreadable"));
    expect((error as Error).message).toMatch(
      /^\[GET \/o\/\{organisation_id\}\/issues\] ListIssues's answer could not be checked against the spec \(Error: unreadable\) /,
    );
  });

  it('"warn" warns of the validator\'s own failure and returns the data', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await clientListing([unreadable], "warn").list()).toEqual([unreadable]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not be checked against the spec"));
  });

  it("a long value is cut short in the message, whole in the error", async () => {
    const long = "x".repeat(10_000);
    const error = (await clientAnswering([[{ ...issue, severity: long }]])
      .list()
      .catch((thrown: unknown) => thrown)) as IssuesValidationError;
    expect(error.value).toBe(long);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain("…");
  });
});
