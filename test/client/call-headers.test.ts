/**
 * A call's own headers (a request ID, an `Idempotency-Key`), as the fake Issues server on loopback
 * receives them: over the client's, on every attempt and every page, never its `Authorization`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { type CallOptions, createIssuesClient, type IssuesClient } from "../../src/index.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync, UNKNOWN_ISSUE } from "../support/fixtures.ts";

let server: FakeIssuesServer;
let issues: IssuesClient;
/** The headers of each request the fake received, in order. */
let received: Headers[] = [];
const record = ({ request }: { request: Request }) => received.push(new Headers(request.headers));

beforeAll(async () => {
  server = await startFakeIssuesServer();
  server.events.on("request:start", record);
  issues = createIssuesClient({
    baseUrl: server.url,
    token: server.token,
    organisationId: ORG,
    headers: { "User-Agent": "issues-test/1.0", "X-Request-Id": "from-the-client" },
  });
});
afterAll(async () => {
  server.events.off("request:start", record);
  await server.close();
});
beforeEach(() => {
  server.reset();
  received = [];
});

const header = (name: string) => received.map((headers) => headers.get(name));

describe("a call's headers", () => {
  it("are sent over the client's, which it leaves out stay", async () => {
    await issues.list({}, { headers: { "X-Request-Id": "call-1" } });
    expect(header("x-request-id")).toEqual(["call-1"]);
    expect(header("user-agent")).toEqual(["issues-test/1.0"]);
    await issues.list();
    expect(header("x-request-id")).toEqual(["call-1", "from-the-client"]);
  });

  it("carry an Idempotency-Key on create, and never replace the client's Authorization", async () => {
    const created = await issues.create(orderSync, {
      headers: { "Idempotency-Key": "order-sync-42", Authorization: "Bearer someone-else" },
    });
    expect(created.title).toBe(orderSync.title);
    expect(header("idempotency-key")).toEqual(["order-sync-42"]);
    expect(header("authorization")).toEqual([`Bearer ${server.token}`]);
  });

  it("go with every attempt of a retried call and every page of a walk", async () => {
    const created = await issues.create(orderSync);
    received = [];
    server.failNext(1, { status: 503, retryAfter: 0 });
    await issues.update(created.id, { status: "acked" }, { headers: { "X-Request-Id": "ack-1" } });
    expect(header("x-request-id")).toEqual(["ack-1", "ack-1"]);
    received = [];
    const found = await issues.find(UNKNOWN_ISSUE, { first: 1 }, { headers: { "X-Request-Id": "find-1" } });
    expect(found).toMatchObject({ found: false, pages: 2 });
    expect(header("x-request-id")).toEqual(["find-1", "find-1"]);
  });

  it("are typed as a record of strings", () => {
    expectTypeOf<CallOptions["headers"]>().toEqualTypeOf<Record<string, string> | undefined>();
  });
});
