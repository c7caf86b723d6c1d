/**
 * `respondUncheckedNext`: the one way to make the fake send an answer the spec forbids, so that a
 * consumer can test its own handling of one (a severity the types do not have, a missing field).
 * It holds for one answer, the request log says so, and the answer after it is checked again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIssuesClient } from "../../src/index.ts";
import {
  createFakeIssues,
  type FakeIssues,
  type FakeIssuesServer,
  startFakeIssuesServer,
} from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

let server: FakeIssuesServer;
beforeAll(async () => {
  server = await startFakeIssuesServer();
});
afterAll(() => server.close());

const adapters: [string, () => FakeIssues][] = [
  ["the in-process fetch", () => createFakeIssues()],
  [
    "the HTTP server",
    () => {
      server.reset();
      return server;
    },
  ],
];

describe.each(adapters)("through %s", (_name, start) => {
  const setUp = () => {
    const fake = start();
    const issues = createIssuesClient({
      baseUrl: fake.url,
      token: fake.token,
      organisationId: ORG,
      ...(fake === server ? {} : { fetch: fake.fetch }),
    });
    return { fake, issues };
  };

  it("sends a severity the spec does not have, marks it in the log, then checks again", async () => {
    const { fake, issues } = setUp();
    const created = await issues.create(orderSync);
    fake.respondUncheckedNext({ status: 200, body: { ...created, severity: "urgent" } });
    expect((await issues.acknowledge(created.id)).severity).toBe("urgent");
    expect(fake.issues()[0]?.status).toBe("open"); // the answer was sent instead of acknowledging
    expect(await issues.acknowledge(created.id)).toMatchObject({
      severity: created.severity,
      status: "acked",
    });
    expect(fake.requests.map(({ method, status, unchecked }) => ({ method, status, unchecked }))).toEqual([
      { method: "POST", status: 201, unchecked: undefined },
      { method: "PATCH", status: 200, unchecked: true },
      { method: "PATCH", status: 200, unchecked: undefined },
    ]);
  });

  it("sends an issue without its title to the operation named, with the headers given", async () => {
    const { fake, issues } = setUp();
    const { title: _title, ...untitled } = fake.seed([{ ...orderSync, organisationId: ORG }])[0]!;
    fake.respondUncheckedNext(
      { body: [untitled], headers: { "x-trace": "t1" } },
      { operation: "ListIssues" },
    );
    await issues.create(orderSync); // another operation: processed and checked as usual
    const send = fake === server ? fetch : fake.fetch;
    const list = () =>
      send(`${fake.url}/o/${ORG}/issues`, { headers: { authorization: `Bearer ${fake.token}` } });
    const response = await list();
    expect([response.status, response.headers.get("x-trace")]).toEqual([200, "t1"]);
    expect(await response.json()).toEqual([untitled]);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", status: 200, unchecked: true });
    const checked = (await (await list()).json()) as object[];
    expect(checked.length > 0 && checked.every((issue) => "title" in issue)).toBe(true);
  });

  it("is one answer only: a pending one goes with reset", async () => {
    const { fake, issues } = setUp();
    fake.respondUncheckedNext({ status: 200, body: { items: "not a list" } });
    fake.reset();
    expect(await issues.list()).toEqual([]);
    expect(fake.requests.at(-1)?.unchecked).toBeUndefined();
  });
});

it.each([
  [undefined, /respondUncheckedNext's answer must be an object/],
  [{ status: 200 }, /respondUncheckedNext needs a body/],
  [{ status: 99, body: {} }, /respondUncheckedNext's status must be an integer from 200 to 599/],
  [{ status: 204, body: {} }, /a 204 carries no body/],
  [{ body: { n: 1n } }, /respondUncheckedNext's body cannot be sent as JSON/],
  [{ body: {}, headers: { "x-a": "1\r\nx-b: 2" } }, /header x-a holds a line break/],
])("refuses %o at the call", (answer, message) => {
  const fake = createFakeIssues();
  expect(() => fake.respondUncheckedNext(answer as never)).toThrow(message);
  expect(() => fake.respondUncheckedNext(answer as never)).toThrow(TypeError);
});
