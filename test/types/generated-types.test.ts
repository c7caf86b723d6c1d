/**
 * The generated types say what the wire says. These assertions are checked by `tsc` (run by
 * `npm test` through `npm run typecheck`); a scoped `@ts-expect-error` fails the type check when
 * the error it expects disappears.
 */
import createClient from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiError,
  CreateIssue,
  Issue,
  IssueReason,
  IssueResolutionStatus,
  IssueSeverity,
  IssueStatus,
  paths,
  UpdateIssue,
} from "../../src/types.ts";

describe("generated types", () => {
  it("spell the enums exactly", () => {
    expectTypeOf<IssueStatus>().toEqualTypeOf<"open" | "closed" | "acked" | "resolved">();
    expectTypeOf<IssueSeverity>().toEqualTypeOf<"critical" | "high" | "low" | "medium">();
    expectTypeOf<IssueReason>().toEqualTypeOf<"error" | "manual">();
    expectTypeOf<IssueResolutionStatus>().toEqualTypeOf<"resolved" | "negated" | "ignored">();
  });

  it("make Issue's optional fields optional and resolvedAt nullable", () => {
    expectTypeOf<Issue["resolvedAt"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Issue["severity"]>().toEqualTypeOf<IssueSeverity | undefined>();
    expectTypeOf<Issue["projectId"]>().toEqualTypeOf<string>();
    expectTypeOf<Issue["labels"]>().toEqualTypeOf<{ [key: string]: string }>();
    expectTypeOf<Issue["seenCount"]>().toEqualTypeOf<number>();
  });

  it("reject a create without a required field, with an unknown field or a wrong enum", () => {
    const base = {
      organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      reason: "error",
      title: "Order sync failed",
      severity: "high",
    } satisfies CreateIssue;
    expectTypeOf(base).toExtend<CreateIssue>();
    // @ts-expect-error title is required
    const noTitle: CreateIssue = { ...base, title: undefined };
    // @ts-expect-error urgent is not an IssueSeverity
    const urgent: CreateIssue = { ...base, severity: "urgent" };
    // @ts-expect-error assignee does not exist
    const assignee: CreateIssue = { ...base, assignee: "someone" };
    void [noTitle, urgent, assignee];
  });

  it("accept a critical create, and a switch over every severity is exhaustive", () => {
    const critical: CreateIssue = {
      organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      reason: "error",
      title: "Order sync failed",
      severity: "critical",
    };
    const rank = (severity: IssueSeverity): number => {
      switch (severity) {
        case "critical":
          return 3;
        case "high":
          return 2;
        case "medium":
          return 1;
        case "low":
          return 0;
        default: {
          const unhandled: never = severity;
          return unhandled;
        }
      }
    };
    void [critical, rank];
  });

  it("allow only changeable fields in an update", () => {
    const acknowledge: UpdateIssue = { status: "acked" };
    const reopen: UpdateIssue = { status: "open", resolvedAt: null };
    // @ts-expect-error organisationId cannot be changed
    const move: UpdateIssue = { organisationId: "01KJPWD6M0MD8SP6RARAKC9170" };
    void [acknowledge, reopen, move];
  });

  it("type openapi-fetch's createClient<paths>() end to end", async () => {
    const client = createClient<paths>({
      baseUrl: "http://127.0.0.1:1",
      fetch: async () => Response.json([]),
    });
    const { data, error } = await client.GET("/o/{organisation_id}/issues", {
      params: {
        path: { organisation_id: "01KJPWD6M0MD8SP6RARAKC9170" },
        query: { status: "open", first: 50 },
      },
    });
    expectTypeOf(data).toEqualTypeOf<Issue[] | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError | undefined>();

    await client.PATCH("/o/{organisation_id}/issues/{issue_id}", {
      params: {
        path: { organisation_id: "01KJPWD6M0MD8SP6RARAKC9170", issue_id: "01M7YH1P1GBZ3K5XSB17ZQD65W" },
      },
      // @ts-expect-error "done" is not an IssueStatus
      body: { status: "done" },
    });
  });
});
