/**
 * The generated types say what the wire says. These assertions are checked by `tsc` (run by
 * `npm test` through `npm run typecheck`); a scoped `@ts-expect-error` fails the type check when
 * the error it expects disappears.
 *
 * They ask for the values and fields the API decided (test/spec/facts.test.ts lists them), not
 * for nothing else: a value or an optional field added to the spec compiles here unchanged.
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

/** True when T is a closed union of string literals, which a switch can cover; false for `string`. */
type ClosedUnion<T> = [T] extends [string] ? (string extends T ? false : true) : false;

describe("generated types", () => {
  it("make each enum a closed union that holds the decided values", () => {
    expectTypeOf<ClosedUnion<string>>().toEqualTypeOf<false>();
    expectTypeOf<ClosedUnion<IssueStatus>>().toEqualTypeOf<true>();
    expectTypeOf<ClosedUnion<IssueSeverity>>().toEqualTypeOf<true>();
    expectTypeOf<ClosedUnion<IssueReason>>().toEqualTypeOf<true>();
    expectTypeOf<ClosedUnion<IssueResolutionStatus>>().toEqualTypeOf<true>();
    expectTypeOf<"open" | "closed" | "acked" | "resolved">().toExtend<IssueStatus>();
    expectTypeOf<"critical" | "high" | "low" | "medium">().toExtend<IssueSeverity>();
    expectTypeOf<"error" | "manual">().toExtend<IssueReason>();
    expectTypeOf<"resolved" | "negated" | "ignored">().toExtend<IssueResolutionStatus>();
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
    // @ts-expect-error notAField does not exist
    const unknownField: CreateIssue = { ...base, notAField: "someone" };
    void [noTitle, urgent, unknownField];
  });

  it("accept a critical create, and a switch that leaves out a severity does not compile", () => {
    const critical: CreateIssue = {
      organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      reason: "error",
      title: "Order sync failed",
      severity: "critical",
    };
    const rank = (severity: IssueSeverity): number => {
      switch (severity) {
        case "high":
          return 2;
        case "medium":
          return 1;
        case "low":
          return 0;
        default: {
          // @ts-expect-error `critical` is not handled, so `severity` can still hold it here
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
