/**
 * One test per fault, against the fake server's fault injection on loopback. Each error arrives
 * within bounded time, retries follow RFC 9110, and the token appears in no error.
 */
import { createServer as createHttpServer } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createIssuesClient,
  IssuesApiError,
  type IssuesClientOptions,
  IssuesError,
  IssuesNetworkError,
  IssuesTimeoutError,
} from "../../src/index.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { failure as expectFailure } from "../support/failure.ts";
import { freePort } from "../support/ports.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const TOKEN = "tok_do-not-leak-4b1d";

let server: FakeIssuesServer;
/** Every error a test saw, checked at the end for the token. */
const errors: unknown[] = [];

beforeAll(async () => {
  server = await startFakeIssuesServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const client = (options: Partial<IssuesClientOptions> = {}) =>
  createIssuesClient({
    baseUrl: server.url,
    token: TOKEN,
    organisationId: ORG,
    retry: { minDelayMs: 10, maxDelayMs: 2000 },
    ...options,
  });

/** `failure`, keeping each error for the check that none of them holds the token. */
async function failure(call: Promise<unknown>) {
  const failed = await expectFailure(call);
  errors.push(failed.error);
  return failed;
}

describe("network failures", () => {
  it("a refused connection is an IssuesNetworkError after every retry, with its cause", async () => {
    const issues = client({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    const { error, ms } = await failure(issues.list());
    expect(error).toBeInstanceOf(IssuesNetworkError);
    expect(error).toBeInstanceOf(IssuesError);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(
      /^\[GET \/o\/\w+\/issues\] connect ECONNREFUSED [\d.:]+, after 3 attempts$/,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(ms).toBeLessThan(5000);
  });

  it("a lost POST response is an error, and exactly one issue exists afterwards", async () => {
    server.dropNextResponse();
    const { error } = await failure(client().create(orderSync));
    expect(error).toBeInstanceOf(IssuesNetworkError);
    expect(error.attempts).toBe(1);
    expect(server.issues(ORG)).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a lost PATCH response is retried, since repeating it changes nothing", async () => {
    const [issue] = server.seed([{ ...orderSync, organisationId: ORG }]);
    server.dropNextResponse();
    const updated = await client().acknowledge(issue!.id);
    expect(updated.status).toBe("acked");
    expect(server.requests.map((r) => r.status)).toEqual([0, 200]);
  });
});

describe("timeouts", () => {
  it("a slow response is an IssuesTimeoutError soon after timeoutMs", async () => {
    server.delayNext(3000);
    const { error, ms } = await failure(client({ timeoutMs: 200, retry: false }).list());
    expect(error).toBeInstanceOf(IssuesTimeoutError);
    expect(error.message).toMatch(/\] timed out after 200 ms$/);
    expect(error.cause).toMatchObject({ name: "TimeoutError" });
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1500);
  });

  it("the timeout applies to each attempt, and a retry can succeed", async () => {
    server.delayNext(3000);
    const issues = await client({ timeoutMs: 200 }).list();
    expect(issues).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("retries", () => {
  it("a 429 with Retry-After: 1 waits about a second, then succeeds", async () => {
    server.failNext(1, { status: 429, retryAfter: 1 });
    const start = performance.now();
    await client().list();
    const ms = performance.now() - start;
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2500);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("Retry-After as an HTTP date is honoured", async () => {
    server.failNext(1, { status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString() });
    const start = performance.now();
    await client({ retry: { minDelayMs: 10, maxDelayMs: 5000 } }).list();
    // HTTP dates have whole seconds, so the wait is between one and two seconds.
    expect(performance.now() - start).toBeGreaterThanOrEqual(900);
    expect(server.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it("a Retry-After longer than maxDelayMs is not waited for", async () => {
    server.failNext(1, { status: 429, retryAfter: 60 });
    const { error, ms } = await failure(client().list());
    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect(ms).toBeLessThan(1000);
  });

  it("a retry budget that runs out reports how many attempts were made", async () => {
    server.failNext(5, { status: 503 });
    const { error } = await failure(client({ retry: { retries: 3, minDelayMs: 10 } }).list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 503, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it.each([408, 429, 500, 502, 503, 504])("GET is retried after %i", async (status) => {
    server.failNext(1, { status });
    await client().list();
    expect(server.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  it.each([400, 401, 403, 404, 501])("GET is not retried after %i", async (status) => {
    server.failNext(1, { status });
    const { error } = await failure(client().list());
    expect(error).toMatchObject({ status, attempts: 1 });
  });

  it("POST is never retried, not even after a 503", async () => {
    server.failNext(1, { status: 503, retryAfter: 0 });
    const { error } = await failure(client().create(orderSync));
    expect(error).toMatchObject({ status: 503, attempts: 1, method: "POST" });
    expect(server.issues(ORG)).toHaveLength(0);
  });

  it("a call's retry replaces the client's, its left-out fields taking their defaults", async () => {
    server.failNext(3, { status: 503 });
    // The client allows 2 retries; the call allows none.
    const { error } = await failure(client().list({}, { retry: { retries: 0 } }));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    server.reset();
    // A call that sets only maxDelayMs, below the client's minDelayMs: the default minimum
    // shrinks to it instead of the call being refused.
    server.failNext(2, { status: 503 });
    const start = performance.now();
    expect(
      await client({ retry: { minDelayMs: 500, maxDelayMs: 2000 } }).list({}, { retry: { maxDelayMs: 5 } }),
    ).toEqual([]);
    expect(performance.now() - start).toBeLessThan(400);
    expect(server.requests).toHaveLength(3);
  });

  it("raw.use() middleware sees a retried call once, and the last attempt's status through onResponse", async () => {
    const seen: string[] = [];
    const issues = client();
    issues.raw.use({
      onRequest: () => void seen.push("request"),
      onResponse: ({ response }) => void seen.push(`response ${response.status}`),
      onError: ({ error }) => void seen.push(`error ${(error as Error).name}`),
    });
    server.failNext(1, { status: 503 });
    await issues.list();
    expect(seen).toEqual(["request", "response 200"]);
    seen.length = 0;
    server.failNext(3, { status: 503 });
    const { error } = await failure(issues.list());
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    // An error status is a response, as it is for a raw call: onError is for no response at all.
    expect(seen).toEqual(["request", "response 503"]);
    expect(server.requests).toHaveLength(5);
  });

  it("retry: false makes one attempt", async () => {
    server.failNext(1, { status: 503 });
    const { error } = await failure(client({ retry: false }).list());
    expect(error).toMatchObject({ status: 503, attempts: 1 });
  });

  it("backoff waits grow and stay below maxDelayMs", async () => {
    // Full jitter draws each wait below min·2^retry; near the top of the draw the waits are
    // 99, 148.5 and 148.5 ms here (the last two capped at maxDelayMs).
    const random = vi.spyOn(Math, "random").mockReturnValue(0.99);
    try {
      server.failNext(3, { status: 503 });
      const start = performance.now();
      await client({ retry: { retries: 3, minDelayMs: 100, maxDelayMs: 150 } }).list();
      const ms = performance.now() - start;
      expect(ms).toBeGreaterThanOrEqual(390);
      expect(ms).toBeLessThan(1000);
      expect(server.requests).toHaveLength(4);
    } finally {
      random.mockRestore();
    }
  });

  it.each(["soon 5", "-1", "1 2", ""])(
    "a Retry-After of %j is not a time: backoff applies",
    async (retryAfter) => {
      const random = vi.spyOn(Math, "random").mockReturnValue(0.99);
      try {
        server.failNext(1, { status: 503, retryAfter });
        const start = performance.now();
        await client({ retry: { minDelayMs: 300, maxDelayMs: 1000 } }).list();
        expect(performance.now() - start).toBeGreaterThanOrEqual(280);
      } finally {
        random.mockRestore();
      }
    },
  );

  it("a Retry-After date in the past means retry at once", async () => {
    server.failNext(1, { status: 503, retryAfter: new Date(Date.now() - 60_000).toUTCString() });
    const start = performance.now();
    await client({ retry: { minDelayMs: 5000, maxDelayMs: 10_000 } }).list();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("PATCH is retried after a 503", async () => {
    const [issue] = server.seed([{ ...orderSync, organisationId: ORG }]);
    server.failNext(1, { status: 503 });
    expect((await client().acknowledge(issue!.id)).status).toBe("acked");
    expect(server.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it("many retries leave no pile of abort listeners behind", async () => {
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on("warning", listen);
    try {
      // Eleven attempts: one listener more than Node warns about, if each left one behind.
      server.failNext(10, { status: 503 });
      await client({ retry: { retries: 10, minDelayMs: 1, maxDelayMs: 2 } }).list(
        {},
        { signal: new AbortController().signal },
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
      expect(server.requests).toHaveLength(11);
    } finally {
      process.off("warning", listen);
    }
  });
});

describe("errors raised before anything is sent", () => {
  it("a body that cannot be serialised is the caller's TypeError, not a network error", async () => {
    const labels: Record<string, unknown> = {};
    labels.self = labels;
    const error = await client()
      .create({ ...orderSync, labels: labels as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(IssuesError);
    expect(server.requests).toHaveLength(0);
  });

  it("a fetch that reports the timeout as its own AbortError still gives an IssuesTimeoutError", async () => {
    const abortable: typeof fetch = (_, init) =>
      new Promise((_resolve, reject) =>
        init!.signal!.addEventListener("abort", () =>
          reject(new DOMException("The user aborted a request.", "AbortError")),
        ),
      );
    const { error } = await failure(
      client({ baseUrl: "https://issues.test", fetch: abortable, timeoutMs: 100, retry: false }).list(),
    );
    expect(error).toBeInstanceOf(IssuesTimeoutError);
  });
});

describe("cancellation", () => {
  it("aborting stops a pending backoff wait at once", async () => {
    server.failNext(1, { status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const pending = client({ retry: { maxDelayMs: 60_000 } }).list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const { error, ms } = await failure(pending);
    expect(error.message).toBe("stop");
    expect(ms).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { error } = await failure(client().list({}, { signal: AbortSignal.abort(new Error("already")) }));
    expect(error.message).toBe("already");
    expect(server.requests).toHaveLength(0);
  });
});

describe("bodies that are not the API's", () => {
  const fetching = (response: () => Response) =>
    client({ baseUrl: "https://issues.test", fetch: async () => response() });

  it("an HTML error page is an IssuesApiError with the status", async () => {
    const html = "<html><body>502 Bad Gateway</body></html>";
    const { error } = await failure(
      fetching(() => new Response(html, { status: 502, headers: { "content-type": "text/html" } })).list(),
    );
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 502, code: "unknown", fields: [], attempts: 3 });
    expect(error.message).toMatch(/\] 502 unknown: HTTP 502$/);
  });

  it("a success body that is not JSON is an IssuesApiError, not a SyntaxError", async () => {
    const { error } = await failure(fetching(() => new Response("{ not json", { status: 200 })).list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 200, code: "invalid_json" });
  });

  it("an error body that is JSON but not an Error still gives a typed error", async () => {
    const { error } = await failure(fetching(() => Response.json({ oops: true }, { status: 404 })).list());
    expect(error).toMatchObject({ status: 404, code: "unknown", fields: [] });
    expect(error.message).toMatch(/404 unknown: HTTP 404$/);
  });

  it("a body cut off mid-way is an IssuesNetworkError", async () => {
    const truncated = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('[{"id":'));
            controller.error(new TypeError("terminated"));
          },
        }),
        { status: 200 },
      );
    const { error } = await failure(fetching(truncated).list());
    expect(error).toBeInstanceOf(IssuesNetworkError);
    expect(error.message).toMatch(/\] terminated, after 3 attempts$/);
    // The body is part of the attempt: a GET whose body broke off was tried again.
    expect(error.attempts).toBe(3);
  });
});

describe("a body that stalls", () => {
  it("times out like a slow response: the attempt's timer guards the body read", async () => {
    // Headers and the start of a body, then nothing: a real server on loopback.
    const stalling = createHttpServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('[{"id":');
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = stalling.address() as { port: number };
      const { error, ms } = await failure(
        client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).list(),
      );
      // Each attempt timed out reading the body, and a GET is retried like any timeout.
      expect(error).toBeInstanceOf(IssuesTimeoutError);
      expect(error.message).toMatch(/\] timed out after 200 ms$/);
      expect(error.attempts).toBe(3);
      expect(ms).toBeLessThan(1500);
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });
});

describe("secrets", () => {
  it("the token appears in no error's message, properties, toString, JSON or inspection", () => {
    expect(errors.length).toBeGreaterThan(10);
    for (const error of errors) {
      const views = [
        String(error),
        (error as Error).message,
        JSON.stringify(error),
        JSON.stringify(Object.entries(error as object)),
        inspect(error, { depth: 10, showHidden: true }),
      ];
      for (const view of views) expect(view).not.toContain(TOKEN);
    }
  });
});
