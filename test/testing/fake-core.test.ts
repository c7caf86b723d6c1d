/**
 * The fake's core and its adapters: the in-process `fetch` a client can use with no socket, the
 * HTTP server's CORS for browsers, the status rules, and a clear error for every misuse.
 */
import { type ClientRequest, request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createIssuesClient, IssuesApiError, IssuesNetworkError } from "../../src/index.ts";
import { createFakeIssues, type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const inProcess = () => {
  const fake = createFakeIssues();
  const issues = createIssuesClient({
    baseUrl: fake.url,
    token: fake.token,
    organisationId: ORG,
    fetch: fake.fetch,
    retry: { minDelayMs: 1, maxDelayMs: 5 },
  });
  return { fake, issues };
};

describe("the in-process fetch", () => {
  it("serves every method of the client with no socket", async () => {
    const { fake, issues } = inProcess();
    const created = await issues.create(orderSync);
    expect(await issues.list()).toEqual([created]);
    expect((await issues.acknowledge(created.id)).status).toBe("acked");
    expect(fake.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
      "POST 201",
      "GET 200",
      "PATCH 200",
    ]);
  });

  it("rejects a dropped response as a reset connection, and the client retries a GET", async () => {
    const { fake, issues } = inProcess();
    fake.dropNextResponse();
    await expect(issues.create(orderSync)).rejects.toBeInstanceOf(IssuesNetworkError);
    expect(fake.issues()).toHaveLength(1); // the create happened; only its answer was lost
    fake.dropNextResponse();
    expect(await issues.list()).toHaveLength(1);
  });

  it.each([
    { where: "a label", labels: '{"env":"prod","\\ud800":"x"}', extra: "", field: "labels" },
    { where: "the body", labels: "{}", extra: ',"\\udfff":1', field: "body" },
  ])("answers a key that is a lone surrogate in $where with a 400 naming the field", async (c) => {
    // Valid JSON that no JSON pointer can name: the validator cannot percent-encode the key.
    const { fake } = inProcess();
    const body = `{"organisationId":"${ORG}","environmentId":"${orderSync.environmentId}","reason":"error","title":"t","severity":"low","labels":${c.labels}${c.extra}}`;
    const response = await fake.fetch(`${fake.url}/o/${ORG}/issues`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "validation_failed",
      fields: [
        { field: c.field, message: expect.stringMatching(/^has a key that is not well-formed Unicode/) },
      ],
    });
    expect(fake.issues()).toEqual([]);
  });

  it("holds back a delayed response until the client's timeout ends the attempt", async () => {
    const { fake, issues } = inProcess();
    fake.delayNext(5_000);
    const start = performance.now();
    expect(await issues.list({}, { timeoutMs: 50 })).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("events", () => {
  it("request:start fires as a request arrives, request:end once it is processed", async () => {
    const { fake, issues } = inProcess();
    const seen: string[] = [];
    // What the fake has logged and stored at each point.
    const state = () => `${fake.requests.map((request) => request.status).join()} ${fake.issues().length}`;
    fake.events.on("request:start", ({ request }) => seen.push(`start ${request.method} ${state()}`));
    fake.events.on("request:end", ({ request, status }) =>
      seen.push(`end ${request.method} ${status} ${state()}`),
    );
    await issues.create(orderSync);
    fake.failNext(1, { status: 409 });
    await expect(issues.create(orderSync)).rejects.toMatchObject({ status: 409 });
    expect(seen).toEqual([
      "start POST 0 0",
      "end POST 201 0 1",
      "start POST 201,0 1",
      "end POST 409 201,0 1",
    ]);
  });

  it("off removes a listener, waitFor takes the first event its filter accepts, and reset keeps both", async () => {
    const { fake, issues } = inProcess();
    const removed = vi.fn();
    fake.events.on("request:start", removed);
    fake.events.off("request:start", removed);
    const patched = fake.events.waitFor("request:end", ({ request }) => request.method === "PATCH");
    fake.reset();
    const created = await issues.create(orderSync);
    await issues.acknowledge(created.id);
    const { request, status } = await patched;
    expect([request.url, status]).toEqual([`${fake.url}/o/${ORG}/issues/${created.id}`, 200]);
    expect(removed).not.toHaveBeenCalled();
  });
});

describe("aborts", () => {
  it("a request aborted while its response is held back gets no answer, at once", async () => {
    const fake = createFakeIssues();
    fake.delayNext(3_000);
    const controller = new AbortController();
    const pending = fake.fetch(`${fake.url}/o/${ORG}/issues`, {
      headers: { authorization: `Bearer ${fake.token}` },
      signal: controller.signal,
    });
    const start = performance.now();
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("faults for one operation, or always", () => {
  it("targets an operation by operationId or by method and path template", async () => {
    const { fake, issues } = inProcess();
    fake.failNext(1, { status: 400, code: "nope" }, { operation: "CreateIssue" });
    expect((await issues.list()).length).toBe(0); // not a create: untouched
    await expect(issues.create(orderSync)).rejects.toMatchObject({ status: 400, code: "nope" });
    fake.failNext(1, { status: 409 }, { operation: "GET /o/{organisation_id}/issues" });
    await issues.create(orderSync);
    await expect(issues.list()).rejects.toMatchObject({ status: 409, code: "conflict" });
  });

  it('"always" fails every matching request until reset', async () => {
    const { fake, issues } = inProcess();
    fake.failNext("always", { status: 503 }, { operation: "ListIssues" });
    for (let i = 0; i < 3; i++)
      await expect(issues.list({}, { retry: false })).rejects.toBeInstanceOf(IssuesApiError);
    fake.reset();
    expect(await issues.list()).toEqual([]);
  });

  it.each([Number.POSITIVE_INFINITY, 0, -1, 1.5, Number.NaN])(
    'refuses a count of %d, naming "always"',
    (count) => {
      const fake = createFakeIssues();
      expect(() => fake.failNext(count, { status: 503 })).toThrow(
        /count must be a positive integer or "always"/,
      );
    },
  );

  it.each([
    [{ status: 304 }, /other than 304/],
    [{ status: 503, headers: { "bad name": "x" } }, /cannot be sent/],
    [{ status: 503, headers: { "x-note": "€" } }, /cannot be sent/],
  ])("refuses the fault %j, at the call", (response, message) => {
    expect(() => createFakeIssues().failNext(1, response)).toThrow(message);
  });

  it("refuses a target that is no operation of the spec, instead of never firing", () => {
    const fake = createFakeIssues();
    expect(() => fake.failNext("always", { status: 503 }, { operation: "CreateIsue" })).toThrow(
      /no operation of the spec/,
    );
    expect(() => fake.failNext(1, { status: 503 }, { operation: "get /o/{organisation_id}/issues" })).toThrow(
      /no operation of the spec/,
    );
  });

  it("refuses an injected header with a line break, at the call", () => {
    const fake = createFakeIssues();
    expect(() => fake.failNext(1, { status: 503, retryAfter: "1\r\nx-evil: 1" })).toThrow(/line break/);
    expect(() => fake.failNext(1, { status: 301, headers: { location: "/a\nb" } })).toThrow(/location/);
  });

  it("injects a redirect with its location, which the client reports and does not follow", async () => {
    const { fake, issues } = inProcess();
    fake.failNext(1, { status: 301, headers: { location: "https://elsewhere.test/" } });
    await expect(issues.create(orderSync)).rejects.toMatchObject({
      status: 301,
      location: "https://elsewhere.test/",
    });
    expect(fake.requests).toHaveLength(1);
  });
});

describe("settings and status rules", () => {
  it.each([0, -1, 1.5, Number.NaN])("refuses maxPageSize %d when made, and when changed", (maxPageSize) => {
    expect(() => createFakeIssues({ maxPageSize })).toThrow(/maxPageSize must be an integer ≥ 1/);
    const fake = createFakeIssues();
    expect(() => {
      fake.maxPageSize = maxPageSize;
    }).toThrow(/maxPageSize must be an integer ≥ 1/);
  });

  it("resolving sets resolvedAt and a resolution; reopening clears both", async () => {
    const { issues } = inProcess();
    const created = await issues.create(orderSync);
    const resolved = await issues.update(created.id, { status: "resolved" });
    expect(resolved.resolutionStatus).toBe("resolved");
    expect(Date.parse(resolved.resolvedAt ?? "")).not.toBeNaN();
    const reopened = await issues.update(created.id, { status: "open" });
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened).not.toHaveProperty("resolutionStatus");
  });

  it("refuses a resolution on an issue that is not resolved, and a resolved issue without resolvedAt", async () => {
    const { issues } = inProcess();
    const created = await issues.create(orderSync);
    await expect(issues.update(created.id, { resolutionStatus: "negated" })).rejects.toMatchObject({
      status: 400,
      fields: [
        { field: "resolutionStatus", message: "is only for a resolved issue: send status resolved with it" },
      ],
    });
    await expect(issues.update(created.id, { status: "resolved", resolvedAt: null })).rejects.toMatchObject({
      fields: [{ field: "resolvedAt", message: "cannot be null on a resolved issue" }],
    });
    const resolved = await issues.update(created.id, { status: "resolved", resolutionStatus: "ignored" });
    expect((await issues.update(created.id, { resolutionStatus: "negated" })).resolutionStatus).toBe(
      "negated",
    );
    expect(resolved.resolutionStatus).toBe("ignored");
  });

  it("refuses to seed an open issue with a resolution", () => {
    const fake = createFakeIssues();
    expect(() => fake.seed([{ ...orderSync, organisationId: ORG, resolutionStatus: "resolved" }])).toThrow(
      /seed: issue 0 \(\w{26}\): resolutionStatus is only for a resolved issue/,
    );
  });

  it("a seeded resolved issue gets a resolution too", () => {
    const fake = createFakeIssues();
    const [issue] = fake.seed([{ ...orderSync, organisationId: ORG, status: "resolved" }]);
    expect(issue).toMatchObject({ status: "resolved", resolutionStatus: "resolved" });
    expect(issue?.resolvedAt).toEqual(expect.any(String));
  });

  it("refuses seeding an ID twice, and stores none of the batch", () => {
    const fake = createFakeIssues();
    const id = "01M7WM9C8RPCHFN3HJ9KQ8X700";
    const one = { ...orderSync, organisationId: ORG, id };
    expect(() => fake.seed([one, one])).toThrow(/already exists/);
    expect(fake.issues()).toEqual([]);
  });
});

describe("the HTTP server, for a web app in a browser", () => {
  let server: FakeIssuesServer;
  beforeAll(async () => {
    server = await startFakeIssuesServer();
  });
  afterAll(() => server.close());

  it("answers a CORS preflight for the client's headers without processing it", async () => {
    const response = await fetch(`${server.url}/o/${ORG}/issues`, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.test",
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(server.requests).toHaveLength(0);
  });

  it("allows whatever headers the page asks to send, such as the client's own headers", async () => {
    const response = await fetch(`${server.url}/o/${ORG}/issues`, {
      method: "OPTIONS",
      headers: {
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization, x-request-id",
      },
    });
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization, x-request-id");
  });

  it("gives a fault to the request that arrived first, even while its body is still arriving", async () => {
    server.reset();
    server.failNext(1, { status: 503 });
    const postArrived = server.events.waitFor("request:start");
    let post!: ClientRequest;
    const slowPost = new Promise<number>((resolve) => {
      post = httpRequest(
        `${server.url}/o/${ORG}/issues`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      post.write('{"organisationId":');
    });
    await postArrived;
    const getArrived = server.events.waitFor("request:start");
    const get = fetch(`${server.url}/o/${ORG}/issues`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    await getArrived;
    // The GET has arrived, and the POST's body is not all there yet.
    post.end(
      `"${ORG}","environmentId":"01KJSESXM0033A0801TK9E6SS5","reason":"error","title":"t","severity":"low"}`,
    );
    expect([await slowPost, (await get).status]).toEqual([503, 200]);
    expect(server.requests.map((request) => request.method)).toEqual(["POST", "GET"]);
  });

  it("answers a method no web Request can carry with a 405, not a dropped connection", async () => {
    const status = await new Promise<number>((resolve) => {
      httpRequest(`${server.url}/o/${ORG}/issues`, { method: "TRACE" }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).end();
    });
    expect(status).toBe(405);
  });

  it("lets a browser read Retry-After on an answer", async () => {
    server.failNext(1, { status: 429, retryAfter: 2 });
    const response = await fetch(`${server.url}/o/${ORG}/issues`, { headers: { origin: "http://app.test" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
    expect(response.headers.get("retry-after")).toBe("2");
  });
});
