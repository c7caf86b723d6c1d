/**
 * The fake Issues API server, exercised over real loopback HTTP with the global fetch.
 */
import { ulid } from "ulid";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CreateIssue, Issue } from "../../generated/issues.ts";
import spec from "../../generated/openapi.json" with { type: "json" };
import { type FakeIssuesServer, type SeedIssue, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync, PROJECT } from "../support/fixtures.ts";

const OTHER_ORG = "01KJPWD6M0MD8SP6RARAKC9171";
const OTHER_PROJECT = "01KJPWD6M0KZ5EA76CZ38ZJVJQ";
const OTHER_ENV = "01KJSESXM0033A0801TK9E6SS6";
const NIL_ULID = "00000000000000000000000000";
const ISSUES = `/o/${ORG}/issues`;
const START = new Date("2026-11-20T10:00:00.000Z");
const SEVERITIES = spec.components.schemas.IssueSeverity.enum;

const newIssue: CreateIssue = { organisationId: ORG, ...orderSync };
const seedIssue = (fields: Partial<Issue> = {}): SeedIssue => ({ ...newIssue, ...fields });

let server: FakeIssuesServer;
let clock: Date;

beforeAll(async () => {
  server = await startFakeIssuesServer({ token: "test-token", now: () => clock });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.maxPageSize = 100;
  clock = START;
});

interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
}

// Response bodies are plain JSON here; the assertions check their shape.
async function call(method: string, path: string, { body, headers = {}, auth = true }: CallOptions = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(auth ? { authorization: `Bearer ${server.token}` } : {}),
      ...headers,
    },
    body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the body's fields it expects.
  const json = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body: json };
}

const create = (fields: Partial<CreateIssue> = {}) =>
  call("POST", ISSUES, { body: { ...newIssue, ...fields } });
const list = async (query = "") => {
  const { status, body } = await call("GET", `${ISSUES}${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return (body as Issue[]).map((issue) => issue.id);
};

describe("authentication", () => {
  it.each([
    ["no credential", {}],
    ["a wrong token", { authorization: "Bearer wrong-token" }],
    ["the token under another scheme", { authorization: "Basic test-token" }],
    ["a wrong cookie", { cookie: "cookie=wrong-token" }],
  ])("rejects %s with 401 and creates nothing", async (_, headers) => {
    const response = await call("POST", ISSUES, { body: newIssue, headers, auth: false });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: "unauthorized", message: expect.any(String) });
    expect(server.issues()).toEqual([]);
  });

  it("accepts the session cookie named `cookie`", async () => {
    const response = await call("GET", ISSUES, {
      headers: { cookie: "theme=dark; cookie=test-token" },
      auth: false,
    });
    expect(response.status).toBe(200);
  });
});

describe("create", () => {
  it("returns 201 with the server-set fields and the nil ULID as the default projectId", async () => {
    const { status, body } = await create();
    expect(status).toBe(201);
    expect(body).toEqual({
      ...newIssue,
      id: expect.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/),
      projectId: NIL_ULID,
      status: "open",
      message: "",
      labels: {},
      annotations: {},
      createdAt: START.toISOString(),
      lastSeenAt: START.toISOString(),
      seenCount: 1,
      resolvedAt: null,
    });
    expect(server.issues()).toEqual([body]);
  });

  it("keeps the optional fields it is given", async () => {
    const fields = {
      projectId: PROJECT,
      message: "503 after 3 attempts",
      labels: { env: "prod" },
      annotations: { run: "7" },
    };
    const { body } = await create(fields);
    expect(body).toMatchObject(fields);
  });

  it("accepts every CreateIssue example in the spec", async () => {
    const examples =
      spec.paths["/o/{organisation_id}/issues"].post.requestBody.content["application/json"].examples;
    for (const example of Object.values(examples)) {
      expect((await call("POST", ISSUES, { body: example.value })).status).toBe(201);
    }
    expect(server.issues()).toHaveLength(Object.keys(examples).length);
  });
});

describe("request validation", () => {
  const withoutTitle: Partial<CreateIssue> = { ...newIssue };
  delete withoutTitle.title;
  const someIssue = `${ISSUES}/${ulid()}`;

  it.each([
    {
      name: "an enum value outside the spec",
      body: { ...newIssue, severity: "urgent" },
      field: "severity",
    },
    { name: "a missing required property", body: withoutTitle, field: "title", message: "is required" },
    { name: "an unknown body field", body: { ...newIssue, assignee: "sam" }, field: "assignee" },
    { name: "a bad nested value", body: { ...newIssue, labels: { env: 1 } }, field: "labels.env" },
    {
      name: "an organisation mismatch",
      body: { ...newIssue, organisationId: OTHER_ORG },
      field: "organisationId",
    },
    { name: "invalid JSON", body: '{"title": ', field: "body" },
    { name: "an empty body", body: "", field: "body" },
    { name: "a body that is not an object", body: [newIssue], field: "body" },
    {
      name: "a non-JSON content type",
      body: newIssue,
      headers: { "content-type": "text/plain" },
      field: "body",
    },
    { name: "a non-ULID organisation", path: "/o/not-a-ulid/issues", field: "organisation_id" },
    { name: "first=0", path: `${ISSUES}?first=0`, field: "first" },
    { name: "first=abc", path: `${ISSUES}?first=abc`, field: "first" },
    { name: "first=1.5", path: `${ISSUES}?first=1.5`, field: "first" },
    { name: "an unknown query parameter", path: `${ISSUES}?assignee=sam`, field: "assignee" },
    { name: "a repeated query parameter", path: `${ISSUES}?status=open&status=acked`, field: "status" },
    { name: "an unknown search_date", path: `${ISSUES}?search_date=updatedAt`, field: "search_date" },
    { name: "an after that is neither ID nor timestamp", path: `${ISSUES}?after=yesterday`, field: "after" },
    { name: "a before ID of no issue", path: `${ISSUES}?before=${ulid()}`, field: "before" },
    { name: "a non-ULID issue ID", method: "PATCH", path: `${ISSUES}/123`, body: {}, field: "issue_id" },
    {
      name: "a field that cannot change",
      method: "PATCH",
      path: someIssue,
      body: { id: ulid() },
      field: "id",
    },
    {
      name: "a bad date-time",
      method: "PATCH",
      path: someIssue,
      body: { resolvedAt: "today" },
      field: "resolvedAt",
    },
  ])("rejects $name with 400 naming $field", async ({ method, path, body, headers, field, message }) => {
    const response = await call(method ?? (body === undefined ? "GET" : "POST"), path ?? ISSUES, {
      body,
      headers: headers ?? {},
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "validation_failed", message: expect.any(String) });
    expect(response.body.fields).toContainEqual({ field, message: message ?? expect.any(String) });
    expect(server.issues()).toEqual([]);
  });

  it("says which enum values are allowed", async () => {
    const { body } = await create({ severity: "urgent" as never });
    expect(body.fields).toEqual([{ field: "severity", message: `must be one of ${SEVERITIES.join(", ")}` }]);
  });

  it("accepts a critical issue, returns it, and filters by it", async () => {
    const created = await create({ severity: "critical" });
    expect(created.status).toBe(201);
    expect(created.body.severity).toBe("critical");
    await create({ severity: "high" });
    expect(await list("?severity=critical")).toEqual([created.body.id]);
    const raised = await call("PATCH", `${ISSUES}/${created.body.id}`, { body: { severity: "critical" } });
    expect(raised.status).toBe(200);
  });

  it("rejects an issue ID of another organisation as a cursor", async () => {
    const [foreign] = server.seed([seedIssue({ organisationId: OTHER_ORG })]);
    const { status, body } = await call("GET", `${ISSUES}?after=${foreign?.id}`);
    expect(status).toBe(400);
    expect(body.fields).toEqual([{ field: "after", message: expect.any(String) }]);
  });
});

describe("list", () => {
  it("applies every filter, within the organisation only", async () => {
    const [a, b, c] = server
      .seed([
        seedIssue({ projectId: PROJECT, status: "open", severity: "high" }),
        seedIssue({ projectId: OTHER_PROJECT, status: "acked", severity: "low" }),
        seedIssue({ projectId: PROJECT, environmentId: OTHER_ENV, status: "open", severity: "low" }),
        seedIssue({ organisationId: OTHER_ORG, projectId: PROJECT, status: "open", severity: "high" }),
      ])
      .map((issue) => issue.id);
    // Created at one instant, so the newer ID comes first.
    expect(await list()).toEqual([c, b, a]);
    expect(await list("?status=open")).toEqual([c, a]);
    expect(await list("?severity=low")).toEqual([c, b]);
    expect(await list(`?project_id=${PROJECT}`)).toEqual([c, a]);
    expect(await list(`?environment_id=${OTHER_ENV}`)).toEqual([c]);
    expect(await list(`?status=open&severity=low&project_id=${PROJECT}&environment_id=${OTHER_ENV}`)).toEqual(
      [c],
    );
    expect(await list("?status=resolved")).toEqual([]);
  });

  it("orders newest first by the search_date instant, not by its text", async () => {
    const [a, b, c] = server
      .seed([
        seedIssue({ createdAt: "2026-11-20T11:00:00Z", lastSeenAt: "2026-11-20T11:00:00Z" }),
        // 10:30 UTC, although its text sorts after 11:00Z
        seedIssue({ createdAt: "2026-11-20T12:30:00+02:00", lastSeenAt: "2026-11-22T09:00:00Z" }),
        seedIssue({ createdAt: "2026-11-20T10:00:00Z", lastSeenAt: "2026-11-21T09:00:00Z" }),
      ])
      .map((issue) => issue.id);
    expect(await list()).toEqual([a, b, c]);
    expect(await list("?search_date=createdAt")).toEqual([a, b, c]);
    expect(await list("?search_date=lastSeenAt")).toEqual([b, c, a]);
  });

  it("takes an issue ID as after (the older issues that follow it) and before (the newer)", async () => {
    const newest = seedAtMinutes([0, 1, 2, 3, 4]).reverse();
    expect(await list()).toEqual(newest);
    expect(await list(`?after=${newest[1]}`)).toEqual(newest.slice(2));
    expect(await list(`?before=${newest[3]}`)).toEqual(newest.slice(0, 3));
    expect(await list(`?after=${newest[0]}&before=${newest[4]}`)).toEqual(newest.slice(1, 4));
    // A page before a point still starts at the newest issue.
    expect(await list(`?before=${newest[3]}&first=1`)).toEqual(newest.slice(0, 1));
  });

  it("takes an RFC 3339 timestamp as after (strictly earlier) and before (strictly later)", async () => {
    const newest = seedAtMinutes([0, 1, 2, 3, 4]).reverse();
    expect(await list("?after=2026-11-20T10:02:00Z")).toEqual(newest.slice(3));
    expect(await list("?after=2026-11-20T10:02:30.5Z")).toEqual(newest.slice(2));
    expect(await list(`?before=${encodeURIComponent("2026-11-20T12:02:00+02:00")}`)).toEqual(
      newest.slice(0, 2),
    );
    expect(await list("?after=2026-11-20T10:03:00Z&before=2026-11-20T10:01:00Z")).toEqual(newest.slice(2, 3));
  });

  it("returns at most first issues, and never more than maxPageSize", async () => {
    seedAtMinutes(Array.from({ length: 25 }, (_, i) => i));
    expect(await list()).toHaveLength(20);
    expect(await list("?first=3")).toHaveLength(3);
    expect(await list("?first=25")).toHaveLength(25);
    server.maxPageSize = 4;
    expect(await list("?first=25")).toHaveLength(4);
    expect(await list()).toHaveLength(4);
  });

  it("pages through issues sharing one timestamp without skipping or repeating any", async () => {
    // Random IDs, so that creation order and ID order differ.
    const ids = Array.from({ length: 50 }, () => ulid(START.getTime() - Math.floor(Math.random() * 1e9)));
    server.seed(ids.map((id) => seedIssue({ id })));
    const seen: string[] = [];
    for (
      let page = await list("?first=7");
      page.length > 0;
      page = await list(`?first=7&after=${seen.at(-1)}`)
    ) {
      seen.push(...page);
    }
    expect(seen).toEqual([...ids].sort().reverse());
  });
});

/** Seeds one issue per given minute after START, and returns their IDs in that order. */
function seedAtMinutes(minutes: number[]): string[] {
  const at = (minute: number) => new Date(START.getTime() + minute * 60_000).toISOString();
  return server
    .seed(minutes.map((minute) => seedIssue({ createdAt: at(minute), lastSeenAt: at(minute) })))
    .map((issue) => issue.id);
}

describe("update", () => {
  it("changes only the fields given and returns the whole issue", async () => {
    const { body: created } = await create({ projectId: PROJECT, labels: { env: "prod" }, message: "first" });
    const path = `${ISSUES}/${created.id}`;

    const acked = await call("PATCH", path, { body: { status: "acked" } });
    expect(acked.status).toBe(200);
    expect(acked.body).toEqual({ ...created, status: "acked" });

    const resolvedAt = "2026-11-24T17:05:00Z";
    const resolved = await call("PATCH", path, {
      body: { status: "resolved", resolutionStatus: "resolved", resolvedAt, labels: { team: "ops" } },
    });
    expect(resolved.body).toEqual({
      ...created,
      status: "resolved",
      resolutionStatus: "resolved",
      resolvedAt,
      labels: { team: "ops" },
    });

    // Reopening clears the resolution: an open issue has none.
    const reopened = await call("PATCH", path, { body: { status: "open" } });
    const { resolutionStatus: _, ...unresolved } = resolved.body;
    expect(reopened.body).toEqual({ ...unresolved, status: "open", resolvedAt: null });
    expect(server.issues()).toEqual([reopened.body]);
  });

  it("answers 404 for an unknown issue and for an issue of another organisation", async () => {
    const [foreign] = server.seed([seedIssue({ organisationId: OTHER_ORG })]);
    for (const id of [ulid(), foreign?.id]) {
      const { status, body } = await call("PATCH", `${ISSUES}/${id}`, { body: { status: "acked" } });
      expect(status).toBe(404);
      expect(body).toEqual({ code: "not_found", message: "issue does not exist" });
    }
    expect(server.issues()[0]?.status).toBe("open");
  });
});

describe("faults", () => {
  it("failNext answers the next requests with the error and Retry-After, without processing them", async () => {
    server.failNext(2, { status: 429, retryAfter: 3 });
    for (const response of [await create(), await call("GET", ISSUES)]) {
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("3");
      expect(response.body).toEqual({ code: "too_many_requests", message: "Too Many Requests" });
    }
    expect(server.issues()).toEqual([]);
    expect((await create()).status).toBe(201);
  });

  it("failNext sends the given code and message", async () => {
    server.failNext(1, { status: 503, code: "unavailable", message: "down for maintenance" });
    const response = await call("GET", ISSUES);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.body).toEqual({ code: "unavailable", message: "down for maintenance" });
  });

  it("delayNext processes the request at once but holds its response back", async () => {
    server.delayNext(300);
    const processed = server.events.waitFor("request:end");
    const started = performance.now();
    let answered = false;
    const pending = create().finally(() => {
      answered = true;
    });
    expect((await processed).status).toBe(201);
    expect(server.issues()).toHaveLength(1);
    expect(server.requests).toEqual([{ method: "POST", path: ISSUES, status: 0 }]);
    expect(answered).toBe(false);
    expect((await pending).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    const next = performance.now();
    await call("GET", ISSUES);
    expect(performance.now() - next).toBeLessThan(250);
  });

  it("dropNextResponse processes the request, then closes the connection without a response", async () => {
    server.dropNextResponse();
    await expect(create()).rejects.toThrow();
    expect(server.issues()).toHaveLength(1);
    expect(server.requests.map((request) => request.status)).toEqual([0]);
    expect(await list()).toHaveLength(1);
  });

  it("reset forgets issues, pending faults and the request log", async () => {
    await create();
    server.failNext(1, { status: 500 });
    server.dropNextResponse();
    server.delayNext(5_000);
    server.reset();
    expect(server.requests).toEqual([]);
    expect(server.issues()).toEqual([]);
    const started = performance.now();
    expect((await create()).status).toBe(201);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("routes and responses", () => {
  it.each([
    ["an unknown path", "GET", "/issues"],
    ["the /api/v2 prefix", "GET", `/api/v2${ISSUES}`],
    ["a trailing slash", "GET", `${ISSUES}/`],
  ])("answers 404 to %s", async (_, method, path) => {
    const { status, body } = await call(method, path);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found", message: expect.any(String) });
  });

  it.each([
    ["DELETE", ISSUES, "GET, POST"],
    ["PUT", `${ISSUES}/${ulid()}`, "PATCH"],
  ])("answers 405 to %s with an Allow header", async (method, path, allow) => {
    const { status, headers, body } = await call(method, path);
    expect(status).toBe(405);
    expect(headers.get("allow")).toBe(allow);
    expect(body).toMatchObject({ code: "method_not_allowed" });
  });

  it("records every request with the status sent, in order", async () => {
    await create();
    await call("GET", `${ISSUES}?first=1`, { auth: false });
    expect(server.requests).toEqual([
      { method: "POST", path: ISSUES, status: 201 },
      { method: "GET", path: `${ISSUES}?first=1`, status: 401 },
    ]);
  });

  it("refuses a seed that breaks the spec at once, naming the issue and the field, and stores none", () => {
    expect(() => server.seed([seedIssue(), seedIssue({ title: 42 as never })])).toThrow(
      /^fake Issues API: seed: issue 1 \(\w{26}\) breaks the spec: title must be string$/,
    );
    expect(server.issues()).toEqual([]);
  });

  it.each([99, 200, 1000, 404.5])("refuses to inject the status %d, at the failNext call", (status) => {
    expect(() => server.failNext(1, { status })).toThrow(
      /an injected status must be an integer from 300 to 599/,
    );
  });

  it("keeps 1,000 concurrent creates apart", async () => {
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => create({ title: `issue ${i}` })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(1000).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1000);
    expect(server.issues()).toHaveLength(1000);
    expect(new Set(server.issues().map((issue) => issue.title)).size).toBe(1000);
  });
});

describe("lifecycle", () => {
  it("listens on 127.0.0.1 with a random token by default", async () => {
    const [one, two] = await Promise.all([startFakeIssuesServer(), startFakeIssuesServer()]);
    try {
      expect(one.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(one.token).toMatch(/^\S{20,}$/);
      expect(one.token).not.toBe(two.token);
      const response = await fetch(`${one.url}${ISSUES}`, {
        headers: { authorization: `Bearer ${one.token}` },
      });
      expect(response.status).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("answers an exception in the fake with a 500 Error body and no stack trace", async () => {
    const broken = await startFakeIssuesServer({
      now: () => {
        throw new Error("the clock is broken");
      },
    });
    try {
      const response = await fetch(`${broken.url}${ISSUES}`, {
        method: "POST",
        headers: { authorization: `Bearer ${broken.token}`, "content-type": "application/json" },
        body: JSON.stringify(newIssue),
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: "internal_error", details: "the clock is broken" });
      expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    } finally {
      await broken.close();
    }
  });

  it("close destroys open connections promptly, even a held-back response", async () => {
    const other = await startFakeIssuesServer();
    other.delayNext(60_000);
    const held = other.events.waitFor("request:end");
    const pending = fetch(`${other.url}${ISSUES}`, { headers: { authorization: `Bearer ${other.token}` } });
    await held;
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(pending).rejects.toThrow();
  });
});
