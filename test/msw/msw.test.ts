/**
 * `versori-issues-api/msw`: MSW 2 intercepts the client's real `fetch` in Node and answers from the
 * fake's core, at the API's own base URL; nothing reaches the network.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createIssuesClient, IssuesNetworkError } from "../../src/index.ts";
import { createIssuesHandlers } from "../../src/msw/index.ts";
import { createFakeIssues } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const fake = createFakeIssues();
const mocks = setupServer(...createIssuesHandlers(fake, { baseUrl: "https://platform.versori.com/api/v2" }));
// The client as an app would make it: the default base URL and the platform's own fetch.
const issues = createIssuesClient({
  token: fake.token,
  organisationId: ORG,
  retry: { minDelayMs: 1, maxDelayMs: 5 },
});

beforeAll(() => mocks.listen({ onUnhandledRequest: "error" }));
afterAll(() => mocks.close());
beforeEach(() => fake.reset());

it("answers the client's calls at the API's own URL from the fake", async () => {
  const created = await issues.create(orderSync);
  expect(await issues.list()).toEqual([created]);
  expect((await issues.resolve(created.id)).status).toBe("resolved");
  expect(fake.requests.map((request) => `${request.method} ${request.path.split("?")[0]}`)).toEqual([
    `POST /o/${ORG}/issues`,
    `GET /o/${ORG}/issues`,
    `PATCH /o/${ORG}/issues/${created.id}`,
  ]);
});

it("checks requests against the spec, and a wrong token gets a 401", async () => {
  await expect(issues.list({ first: 0 })).rejects.toMatchObject({ status: 400, code: "validation_failed" });
  const stranger = createIssuesClient({ token: "wrong", organisationId: ORG });
  await expect(stranger.list()).rejects.toMatchObject({ status: 401 });
});

it("emits the fake's events for the requests MSW hands it", async () => {
  const arrived = fake.events.waitFor("request:start");
  const listed = issues.list();
  const { request } = await arrived;
  // The fake routes below its own root: MSW's handler takes the base URL's path off.
  expect(new URL(request.url).pathname).toBe(`/o/${ORG}/issues`);
  expect(await listed).toEqual([]);
});

it("turns a dropped response into a network error, which a GET retries", async () => {
  fake.dropNextResponse();
  expect(await issues.list()).toEqual([]);
  fake.dropNextResponse();
  await expect(issues.create(orderSync)).rejects.toBeInstanceOf(IssuesNetworkError);
});

it("serves a base URL that MSW's path patterns would misread, such as an IPv6 host with a path", async () => {
  const other = createFakeIssues();
  const local = setupServer(...createIssuesHandlers(other, { baseUrl: "http://[::1]:8080/api+v2" }));
  mocks.close();
  local.listen({ onUnhandledRequest: "error" });
  try {
    const client = createIssuesClient({
      baseUrl: "http://[::1]:8080/api+v2",
      token: other.token,
      organisationId: ORG,
    });
    expect(await client.list()).toEqual([]);
    expect(other.requests).toHaveLength(1);
  } finally {
    local.close();
    mocks.listen({ onUnhandledRequest: "error" });
  }
});
