/** Load: many concurrent creates through the client, against the fake server on loopback. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIssuesClient } from "../../src/index.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const COUNT = 1000;

let server: FakeIssuesServer;
beforeAll(async () => {
  server = await startFakeIssuesServer();
});
afterAll(() => server.close());

it(`${COUNT} concurrent creates leave ${COUNT} distinct issues, none lost and none duplicated`, async () => {
  const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId: ORG });
  const created = await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      issues.create({
        ...orderSync,
        title: `#${i}`,
        severity: "low",
      }),
    ),
  );
  const stored = server.issues(ORG);
  expect(stored).toHaveLength(COUNT);
  expect(new Set(stored.map((issue) => issue.id)).size).toBe(COUNT);
  expect(new Set(stored.map((issue) => issue.title)).size).toBe(COUNT);
  expect(created.map((issue) => issue.id).sort()).toEqual(stored.map((issue) => issue.id).sort());

  const listed = [];
  for await (const issue of issues.listAll({ first: 100 })) listed.push(issue.id);
  expect(listed).toHaveLength(COUNT);
}, 60_000);
