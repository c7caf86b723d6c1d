/**
 * The client cannot be called wrongly. These assertions are checked by `tsc` (`npm run
 * typecheck`, part of `npm test`): a scoped `@ts-expect-error` fails when its error disappears.
 */
import type { Client } from "openapi-fetch";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createIssuesClient, type Issue, type IssuesClient, type paths } from "../../src/index.ts";

const issues: IssuesClient = createIssuesClient({
  token: "t",
  organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
  baseUrl: "http://127.0.0.1:1",
  // An empty page for a list, an issue for anything else: the calls below are made, not awaited.
  fetch: async (request) =>
    Response.json((request as Request).method === "GET" ? [] : { id: "01M7YH1P1GBZ3K5XSB17ZQD65W" }),
});
const ISSUE = "01M7YH1P1GBZ3K5XSB17ZQD65W";

describe("client types", () => {
  it("return exactly the API's types", () => {
    expectTypeOf(issues.list()).toEqualTypeOf<Promise<Issue[]>>();
    expectTypeOf(issues.listAll()).toEqualTypeOf<AsyncGenerator<Issue, void, undefined>>();
    expectTypeOf(issues.create).returns.toEqualTypeOf<Promise<Issue>>();
    expectTypeOf(issues.update).returns.toEqualTypeOf<Promise<Issue>>();
    expectTypeOf(issues.acknowledge).returns.toEqualTypeOf<Promise<Issue>>();
    expectTypeOf(issues.resolve).returns.toEqualTypeOf<Promise<Issue>>();
    expectTypeOf(issues.raw).toEqualTypeOf<Client<paths>>();
  });

  it("reject wrong enum values and unknown filters", () => {
    // @ts-expect-error "done" is not an IssueStatus
    void issues.list({ status: "done" });
    // @ts-expect-error "urgent" is not an IssueSeverity
    void issues.listAll({ severity: "urgent" });
    void issues.listAll({ severity: "critical" });
    // @ts-expect-error there is no assignee filter
    void issues.list({ assignee: "someone" });
    // @ts-expect-error first is a number
    void issues.list({ first: "50" });
  });

  it("require create's fields and refuse unknown ones", () => {
    const fields = {
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      reason: "error",
      title: "t",
      severity: "low",
    } as const;
    void issues.create(fields);
    // @ts-expect-error title is required
    void issues.create({ environmentId: fields.environmentId, reason: "error", severity: "low" });
    // @ts-expect-error unknown field
    void issues.create({ ...fields, assignee: "someone" });
    // @ts-expect-error the client fills in organisationId
    void issues.create({ ...fields, organisationId: "01KJPWD6M0MD8SP6RARAKC9170" });
  });

  it("allow only changeable fields in update, and only resolution statuses in resolve", () => {
    void issues.update(ISSUE, { status: "acked", resolvedAt: null });
    // @ts-expect-error organisationId cannot be changed
    void issues.update(ISSUE, { organisationId: "01KJPWD6M0MD8SP6RARAKC9170" });
    // @ts-expect-error createdAt cannot be changed
    void issues.update(ISSUE, { createdAt: "2026-01-01T00:00:00Z" });
    void issues.resolve(ISSUE, "negated", { signal: AbortSignal.timeout(1000) });
    // @ts-expect-error "fixed" is not an IssueResolutionStatus
    void issues.resolve(ISSUE, "fixed");
  });

  it("require a token and an organisation", () => {
    // @ts-expect-error organisationId is required
    expect(() => createIssuesClient({ token: "t" })).toThrow(TypeError);
    // @ts-expect-error token is required
    expect(() => createIssuesClient({ organisationId: "01KJPWD6M0MD8SP6RARAKC9170" })).toThrow(TypeError);
  });
});
