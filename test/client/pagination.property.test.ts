/**
 * listAll yields every matching issue exactly once, newest first: for random sets of issues that
 * share few timestamps, random page sizes, and a server that caps pages below the page size.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIssuesClient, type IssueSeverity } from "../../src/index.ts";
import { type FakeIssuesServer, type SeedIssue, startFakeIssuesServer } from "../../src/testing/index.ts";
import spec from "../../generated/openapi.json" with { type: "json" };
import { ENV, ORG } from "../support/fixtures.ts";

// Three instants for up to 60 issues: most issues share their timestamp with many others.
const INSTANTS = ["2026-11-20T10:00:00.000Z", "2026-11-20T10:00:00.001Z", "2026-11-21T08:30:00.000Z"];

let server: FakeIssuesServer;
beforeAll(async () => {
  server = await startFakeIssuesServer();
});
afterAll(() => server.close());

const issue = fc.record({
  createdAt: fc.constantFrom(...INSTANTS),
  lastSeenAt: fc.constantFrom(...INSTANTS),
  severity: fc.constantFrom<IssueSeverity>(
    ...(spec.components.schemas.IssueSeverity.enum as IssueSeverity[]),
  ),
});

it("listAll yields each matching issue exactly once, newest first", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(issue, { maxLength: 60 }),
      fc
        .integer({ min: 2, max: 12 })
        .chain((first) => fc.tuple(fc.constant(first), fc.integer({ min: 1, max: first - 1 }))),
      fc.constantFrom<IssueSeverity | undefined>(undefined, "high", "critical"),
      fc.constantFrom("createdAt" as const, "lastSeenAt" as const),
      async (drafts, [first, cap], severity, searchDate) => {
        server.reset();
        server.maxPageSize = cap;
        const seeded = server.seed(
          drafts.map((draft, i): SeedIssue => ({
            ...draft,
            organisationId: ORG,
            environmentId: ENV,
            title: `#${i}`,
            reason: "error",
          })),
        );
        const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId: ORG });

        const yielded: string[] = [];
        for await (const found of issues.listAll({
          first,
          search_date: searchDate,
          ...(severity ? { severity } : {}),
        })) {
          yielded.push(found.id);
        }

        const expected = seeded
          .filter((s) => severity === undefined || s.severity === severity)
          // Newest first: the later instant first, then the larger ID.
          .sort((a, b) => Date.parse(b[searchDate]) - Date.parse(a[searchDate]) || (a.id < b.id ? 1 : -1))
          .map((s) => s.id);
        expect(yielded).toEqual(expected);
        // Every page held `cap` issues, fewer than `first` asked for, and the walk went on until
        // the empty page.
        expect(server.requests).toHaveLength(Math.ceil(expected.length / cap) + 1);
      },
    ),
    { numRuns: 60 },
  );
});
