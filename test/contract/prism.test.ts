/**
 * Contract tests: every operation of the client against Prism, which rejects any request that
 * the spec does not allow (a wrong path, a missing header, a body or query that breaks its
 * schema). A request Prism rejects comes back as an error, and the test fails.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createIssuesClient, IssuesApiError } from "../../src/index.ts";
import { ORG } from "../support/fixtures.ts";
import { startPrism } from "./prism.ts";

const prism = await startPrism();
afterAll(() => prism.stop());

const ISSUE = "01M7YH1P1GBZ3K5XSB17ZQD65W";
const issues = createIssuesClient({
  baseUrl: prism.url,
  token: "contract-test",
  organisationId: ORG,
});

describe("the client's requests match the spec", () => {
  it("list, with every filter", async () => {
    const page = await issues.list({
      first: 50,
      after: "01M7WM9C8RPCHFN3HJ9KQ8X77N",
      before: "2026-11-24T00:00:00Z",
      search_date: "lastSeenAt",
      status: "open",
      severity: "high",
      project_id: "01KJPWD6M0KZ5EA76CZ38ZJVJP",
      environment_id: "01KJSESXM0033A0801TK9E6SS5",
    });
    expect(Array.isArray(page)).toBe(true);
  });

  it("create, with every field", async () => {
    const issue = await issues.create({
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      projectId: "01KJPWD6M0KZ5EA76CZ38ZJVJP",
      reason: "manual",
      title: "Webhook secret expires",
      severity: "low",
      message: "Rotate before 1 December",
      labels: { team: "ops" },
      annotations: { ticket: "OPS-12" },
    });
    expect(issue.id).toBeTypeOf("string");
  });

  it("update, acknowledge and resolve", async () => {
    await issues.update(ISSUE, { title: "Renamed", labels: {}, resolvedAt: null, severity: "medium" });
    await issues.acknowledge(ISSUE);
    await issues.resolve(ISSUE, "ignored");
  });

  it("raw, with the same auth", async () => {
    const { response } = await issues.raw.GET("/o/{organisation_id}/issues", {
      params: { path: { organisation_id: ORG } },
    });
    expect(response.status).toBe(200);
  });
});

describe("Prism does reject what breaks the spec", () => {
  it("an invalid body", async () => {
    await expect(issues.update(ISSUE, { status: "done" as never })).rejects.toBeInstanceOf(IssuesApiError);
  });

  it("a request without credentials", async () => {
    const { response } = await createIssuesClient({
      baseUrl: prism.url,
      token: "t",
      organisationId: ORG,
      fetch: (request) => {
        const stripped = new Request(request as Request);
        stripped.headers.delete("authorization");
        return fetch(stripped);
      },
    }).raw.GET("/o/{organisation_id}/issues", { params: { path: { organisation_id: ORG } } });
    expect(response.status).toBe(401);
  });
});
