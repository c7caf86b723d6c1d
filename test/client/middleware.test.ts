/**
 * Middleware added with `raw.use()`, against real servers on 127.0.0.1: it sees the same thing
 * for the methods' calls as for raw calls. `onRequest` sees the request before the first attempt
 * and may change or replace it; `onResponse` sees the last attempt's response, whatever its
 * status, with a body it can read, and may replace it; `onError` sees only what the transport
 * throws (the client's network and timeout errors) and may answer with a Response instead. A
 * method judges whatever response comes out of the middleware, with the call's real method, path
 * and attempts in its errors.
 */
import { inspect } from "node:util";
import type { Middleware } from "openapi-fetch";
import { afterAll, describe, expect, it } from "vitest";
import {
  createIssuesClient,
  type Issue,
  IssuesApiError,
  type IssuesClientOptions,
  IssuesNetworkError,
  IssuesTimeoutError,
} from "../../src/index.ts";
import { failure } from "../support/failure.ts";
import { ENV, ORG, orderSync, PROJECT, UNKNOWN_ISSUE } from "../support/fixtures.ts";
import {
  type Handler,
  type HostileServer,
  sendJson,
  stall,
  startHostileServer,
} from "../support/hostile-server.ts";
import { freePort } from "../support/ports.ts";

const TOKEN = "tok_middleware-secret";
const ISSUES_PATH = `/o/${ORG}/issues`;
const LIST = "/o/{organisation_id}/issues";
const listParams = { params: { path: { organisation_id: ORG } } };

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(handler: Handler): Promise<HostileServer> {
  const server = await startHostileServer(handler);
  servers.push(server);
  return server;
}

const issue = (n: number): Issue => ({
  id: `01M7WM9C8RPCHFN3HJ9KQ8X7${String(n).padStart(2, "0")}`,
  organisationId: ORG,
  environmentId: ENV,
  projectId: PROJECT,
  reason: "error",
  severity: "high",
  status: "open",
  title: `Issue ${n}`,
  message: "",
  labels: {},
  annotations: {},
  seenCount: 1,
  createdAt: "2026-11-20T10:00:00.000Z",
  lastSeenAt: "2026-11-20T10:00:00.000Z",
  resolvedAt: null,
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The issues API, roughly: a list of one, a create that echoes its title, and no issue to update. */
const api: Handler = (request, response) => {
  if (request.method === "GET") return sendJson(response, 200, [issue(1)]);
  if (request.method === "PATCH")
    return sendJson(response, 404, { code: "not_found", message: "no such issue" });
  let text = "";
  request.on("data", (chunk) => (text += chunk));
  request.on("end", () => sendJson(response, 201, { ...issue(2), title: JSON.parse(text).title }));
};

const client = (origin: string, options: Partial<IssuesClientOptions> = {}) =>
  createIssuesClient({
    baseUrl: origin,
    token: TOKEN,
    organisationId: ORG,
    retry: { minDelayMs: 1, maxDelayMs: 20 },
    ...options,
  });

describe("onRequest", () => {
  it("replaces the request with one that has another header, which the server sees", async () => {
    const server = await serve(api);
    const issues = client(server.origin);
    const traced: Middleware = {
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        headers.set("x-trace-id", `trace ${request.method}`);
        return new Request(request, { headers });
      },
    };
    issues.raw.use(traced);

    expect(await issues.list()).toEqual([issue(1)]);
    expect((await issues.create(orderSync)).title).toBe(orderSync.title);
    expect((await issues.raw.GET(LIST, listParams)).data).toEqual([issue(1)]);
    expect(server.requests.map((request) => request.headers["x-trace-id"])).toEqual([
      "trace GET",
      "trace POST",
      "trace GET",
    ]);
    // The token is still the client's own, added to the request the middleware made.
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
  });

  it("sees nothing of the token on a method's request", async () => {
    const server = await serve(api);
    const issues = client(server.origin);
    const shown: string[] = [];
    issues.raw.use({
      onRequest: ({ request }) => void shown.push(inspect(request), JSON.stringify({ ...request })),
    });
    await issues.list();
    await issues.list({}, { timeoutMs: 5000 });
    expect(shown).toHaveLength(4);
    for (const text of shown) expect(text).not.toContain("middleware-secret");
  });

  it("a replaced request keeps the call's own timeout and retry", async () => {
    const server = await serve((_, response) => stall(response, "["));
    const issues = client(server.origin);
    issues.raw.use({ onRequest: ({ request }) => new Request(request, { headers: request.headers }) });
    const { error, ms } = await failure(issues.list({}, { timeoutMs: 100, retry: false }));
    expect(error).toBeInstanceOf(IssuesTimeoutError);
    expect(error).toMatchObject({ method: "GET", path: ISSUES_PATH, attempts: 1 });
    expect(error.message).toContain("timed out after 100 ms");
    expect(ms).toBeLessThan(2000);
  });

  it("a response it answers with is judged, with the call's method and path and no attempt", async () => {
    const issues = client(`http://127.0.0.1:${await freePort()}`);
    issues.raw.use({ onRequest: () => json(503, { code: "maintenance", message: "back soon" }) });
    const { error } = await failure(issues.update(UNKNOWN_ISSUE, { status: "acked" }));
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({
      status: 503,
      code: "maintenance",
      method: "PATCH",
      path: `${ISSUES_PATH}/${UNKNOWN_ISSUE}`,
      attempts: 0,
    });
  });
});

describe("onResponse", () => {
  it("sees an error status with a readable body, for a method as for raw, and onError does not", async () => {
    const server = await serve(api);
    const issues = client(server.origin);
    const seen: string[] = [];
    issues.raw.use({
      async onResponse({ request, response }) {
        const { code } = (await response.clone().json()) as { code: string };
        seen.push(`${request.method} ${response.status} ${code}`);
      },
      onError: ({ error }) => void seen.push(`error ${(error as Error).name}`),
    });

    const { error } = await failure(issues.update(UNKNOWN_ISSUE, { status: "acked" }));
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", method: "PATCH", attempts: 1 });
    const raw = await issues.raw.PATCH("/o/{organisation_id}/issues/{issue_id}", {
      params: { path: { organisation_id: ORG, issue_id: UNKNOWN_ISSUE } },
      body: { status: "acked" },
    });
    expect(raw.error).toMatchObject({ code: "not_found" });
    expect(seen).toEqual(["PATCH 404 not_found", "PATCH 404 not_found"]);
  });

  it("replaces the response, and the method judges the replacement with the real call", async () => {
    const server = await serve(api);
    const issues = client(server.origin);
    let answer = json(200, [issue(3)]);
    issues.raw.use({ onResponse: () => answer.clone() });

    expect(await issues.list()).toEqual([issue(3)]);
    expect((await issues.raw.GET(LIST, listParams)).data).toEqual([issue(3)]);

    answer = json(503, { code: "maintenance", message: "back soon" }, { "retry-after": "5" });
    const { error } = await failure(issues.list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({
      status: 503,
      code: "maintenance",
      method: "GET",
      path: ISSUES_PATH,
      attempts: 1,
      retryAfterMs: 5000,
    });
  });
});

describe("onError", () => {
  it("sees the network error after every retry, and can answer in its place", async () => {
    const issues = client(`http://127.0.0.1:${await freePort()}`);
    const seen: unknown[] = [];
    let answer = json(200, [issue(4)]);
    issues.raw.use({
      onError({ error }) {
        seen.push(error);
        return answer.clone();
      },
    });

    expect(await issues.list()).toEqual([issue(4)]);
    expect((await issues.raw.GET(LIST, listParams)).data).toEqual([issue(4)]);
    expect(seen).toHaveLength(2);
    for (const error of seen) {
      expect(error).toBeInstanceOf(IssuesNetworkError);
      expect(error).toMatchObject({ method: "GET", path: ISSUES_PATH, attempts: 3 });
    }

    answer = json(503, { code: "unavailable", message: "still down" });
    const { error } = await failure(issues.create(orderSync));
    expect(error).toBeInstanceOf(IssuesApiError);
    // A create is never retried: one attempt, whose failure onError answered.
    expect(error).toMatchObject({ status: 503, code: "unavailable", method: "POST", attempts: 1 });
  });

  it("sees a timeout as the IssuesTimeoutError the call rejects with when it does not answer", async () => {
    const server = await serve((_, response) => stall(response, "["));
    const issues = client(server.origin, { timeoutMs: 100, retry: false });
    const seen: unknown[] = [];
    issues.raw.use({ onError: ({ error }) => void seen.push(error) });

    const { error } = await failure(issues.list());
    expect(error).toBeInstanceOf(IssuesTimeoutError);
    const rawError = await issues.raw.GET(LIST, listParams).catch((thrown: unknown) => thrown);
    expect(rawError).toBeInstanceOf(IssuesTimeoutError);
    expect(seen).toEqual([error, rawError]);
  });
});
