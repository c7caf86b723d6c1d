/**
 * The client against real HTTP servers on 127.0.0.1 that misbehave: settings checked when the
 * client is made, redirects never followed, the token sent to the configured origin only and
 * kept out of every error, response bodies read within the attempt and within a size limit,
 * listAll safe from servers that repeat or cycle pages, and Retry-After in every HTTP-date form.
 */
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CallOptions,
  createIssuesClient,
  type Issue,
  IssuesApiError,
  type IssuesClient,
  type IssuesClientOptions,
  IssuesError,
  IssuesNetworkError,
  IssuesPagingError,
  IssuesTimeoutError,
} from "../../src/index.ts";
import { createFakeIssues } from "../../src/testing/index.ts";
import { failure } from "../support/failure.ts";
import { ENV, ORG, orderSync, PROJECT } from "../support/fixtures.ts";
import {
  cutOff,
  type Handler,
  type HostileServer,
  queryParam,
  sendJson,
  stall,
  startHostileServer,
} from "../support/hostile-server.ts";

type AttemptInfo = Parameters<NonNullable<IssuesClientOptions["onAttempt"]>>[0];

const TOKEN = "tok_secret-XYZ";
const SECRET = "secret-XYZ";
const FAST = { minDelayMs: 1, maxDelayMs: 50 };
const ISSUES_PATH = `/o/${ORG}/issues`;

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A loopback server answering with `handler`, closed after the file's tests. */
async function serve(handler: Handler): Promise<HostileServer> {
  const server = await startHostileServer(handler);
  servers.push(server);
  return server;
}

/** A handler that answers every request with the same JSON. */
const always =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Handler =>
  (_, response) =>
    sendJson(response, status, body, headers);

const client = (server: HostileServer | string, options: Partial<IssuesClientOptions> = {}): IssuesClient =>
  createIssuesClient({
    baseUrl: typeof server === "string" ? server : server.origin,
    token: TOKEN,
    organisationId: ORG,
    retry: FAST,
    ...options,
  });

/** The error `make` throws, or a failed expectation when it throws none. */
function thrownBy(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  return expect.fail("expected createIssuesClient to throw");
}

/** An issue as the API returns it, with the ULID `01M7WM9C8RPCHFN3HJ9KQ8X7<nn>`. */
function issue(n: number): Issue {
  return {
    id: issueId(n),
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
  };
}
const issueId = (n: number) => `01M7WM9C8RPCHFN3HJ9KQ8X7${String(n).padStart(2, "0")}`;

describe("settings are checked when the client is made", () => {
  const base = { token: TOKEN, organisationId: ORG, baseUrl: "http://127.0.0.1:1" };
  const make = (settings: Record<string, unknown>) => () =>
    createIssuesClient({ ...base, ...settings } as IssuesClientOptions);

  const numbers = (option: string, values: number[], settings: (value: number) => Record<string, unknown>) =>
    values.map((value) => ({ option, value, settings: settings(value) }));
  const NAN = Number.NaN;
  const INFINITY = Number.POSITIVE_INFINITY;

  it.each([
    ...numbers("retries", [NAN, INFINITY, -1, 1.5, 11], (retries) => ({ retry: { retries } })),
    ...numbers("minDelayMs", [NAN, INFINITY, -1, 1.5, 3_600_001], (minDelayMs) => ({
      retry: { minDelayMs, maxDelayMs: 3_600_000 },
    })),
    ...numbers("maxDelayMs", [NAN, INFINITY, -1, 1.5, 3_600_001], (maxDelayMs) => ({
      retry: { minDelayMs: 0, maxDelayMs },
    })),
    ...numbers("timeoutMs", [NAN, INFINITY, -1, 1.5, 0, 2_147_483_648], (timeoutMs) => ({ timeoutMs })),
    ...numbers("maxResponseBytes", [NAN, INFINITY, -1, 1.5, 0], (maxResponseBytes) => ({ maxResponseBytes })),
  ])("refuses $option = $value with a TypeError that names it", ({ option, settings }) => {
    const error = thrownBy(make(settings));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(option);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it("refuses a minDelayMs above maxDelayMs, naming both", () => {
    const error = thrownBy(make({ retry: { minDelayMs: 100, maxDelayMs: 50 } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain("minDelayMs");
    expect(error.message).toContain("maxDelayMs");
  });

  it.each([
    { label: "undefined", token: undefined },
    { label: "empty", token: "" },
    { label: "non-ASCII", token: "tökén" },
    { label: "ending in a newline", token: `${TOKEN}\n` },
    { label: "carrying a second header", token: `${TOKEN}\r\nX-Injected: 1` },
    { label: "with a NUL", token: `${TOKEN}\u0000` },
    { label: "with a DEL", token: `${TOKEN}\u007f` },
    { label: "with a non-ASCII letter", token: `${TOKEN}é` },
    { label: "with a leading space", token: ` ${TOKEN}` },
    { label: "with a trailing space", token: `${TOKEN} ` },
  ])("refuses a token $label with a TypeError that names the token but does not quote it", ({ token }) => {
    const error = thrownBy(make({ token }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain("token");
    expect(error.message).not.toContain("baseUrl");
    for (const view of [error.message, String(error), inspect(error), JSON.stringify(error)]) {
      expect(view).not.toContain(SECRET);
    }
  });

  it.each(["", ".", ".."])("refuses the organisationId %j", (organisationId) => {
    const error = thrownBy(make({ organisationId }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain("organisationId");
  });

  it.each(["not a url", "https://", "//platform.versori.com/api/v2"])(
    "refuses the baseUrl %j, which is not a URL, naming baseUrl",
    (baseUrl) => {
      const error = thrownBy(make({ baseUrl }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toContain("baseUrl");
    },
  );

  it("plain http needs allowInsecureHttp unless the host is loopback, and says so apart from a missing token", () => {
    const insecure = thrownBy(make({ baseUrl: "http://issues-fake:8080" }));
    expect(insecure).toBeInstanceOf(TypeError);
    expect(insecure.message).toContain("baseUrl");
    expect(insecure.message).toContain("allowInsecureHttp");
    expect(insecure.message).not.toContain(SECRET);

    const missing = thrownBy(make({ token: undefined }));
    expect(missing).toBeInstanceOf(TypeError);
    expect(missing.message).not.toBe(insecure.message);

    for (const baseUrl of ["http://10.0.0.8:8901", "http://localhost.evil.test:8080"]) {
      expect(make({ baseUrl })).toThrow(TypeError);
    }
    expect(make({ baseUrl: "http://issues-fake:8080", allowInsecureHttp: true })).not.toThrow();
    for (const baseUrl of ["http://127.0.0.1:8080", "http://127.0.0.2:8080", "http://localhost:8080"]) {
      expect(make({ baseUrl })).not.toThrow();
    }
    expect(make({ baseUrl: "http://[::1]:8080" })).not.toThrow();
  });

  it("a maxDelayMs of NaN is refused before anything is sent, so the server is never hammered", async () => {
    const fake = createFakeIssues();
    fake.failNext("always", { status: 503, code: "unavailable", message: "busy" });
    const via = { fetch: fake.fetch, token: fake.token };
    expect(() => {
      void client(fake.url, { ...via, retry: { retries: 10, minDelayMs: 0, maxDelayMs: Number.NaN } })
        .list()
        .catch(() => {});
    }).toThrow(TypeError);
    // Anything the refused client sent would have arrived before this request.
    const arrived = fake.events.waitFor("request:start");
    void client(fake.url, { ...via, retry: false })
      .list()
      .catch(() => {});
    await arrived;
    expect(fake.requests).toEqual([{ method: "GET", path: ISSUES_PATH, status: 0 }]);
  });

  it.each<{ label: string; options: CallOptions }>([
    { label: "timeoutMs NaN", options: { timeoutMs: Number.NaN } },
    { label: "timeoutMs 0", options: { timeoutMs: 0 } },
    { label: "timeoutMs 1.5", options: { timeoutMs: 1.5 } },
    { label: "retries -1", options: { retry: { retries: -1 } } },
    { label: "retries NaN", options: { retry: { retries: Number.NaN } } },
    {
      label: "maxDelayMs Infinity",
      options: { retry: { minDelayMs: 1, maxDelayMs: Number.POSITIVE_INFINITY } },
    },
    { label: "minDelayMs above maxDelayMs", options: { retry: { minDelayMs: 100, maxDelayMs: 10 } } },
  ])("a call with $label rejects with a TypeError and sends nothing", async ({ options }) => {
    const server = await serve(always([]));
    const issues = client(server);
    await expect(issues.list({}, options)).rejects.toThrow(TypeError);
    await expect(issues.create(orderSync, options)).rejects.toThrow(TypeError);
    await expect(issues.update(issueId(0), { title: "x" }, options)).rejects.toThrow(TypeError);
    await expect(issues.listAll({}, options).next()).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("redirects are never followed", () => {
  it.each([
    { status: 301, method: "POST", call: (issues: IssuesClient) => issues.create(orderSync) },
    {
      status: 303,
      method: "PATCH",
      call: (issues: IssuesClient) => issues.update(issueId(0), { title: "x" }),
    },
    { status: 307, method: "GET", call: (issues: IssuesClient) => issues.list() },
    { status: 308, method: "GET", call: (issues: IssuesClient) => issues.list() },
  ])("a $status on $method is an IssuesApiError with its Location", async ({ status, method, call }) => {
    const elsewhere = await serve(always([]));
    const location = `${elsewhere.origin}/o/${ORG}/issues/moved`;
    const server = await serve((_, response) => {
      response.writeHead(status, { location, "content-type": "text/html" });
      response.end("<p>Moved</p>");
    });
    const { error } = await failure(call(client(server)));
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status, code: "redirect", location, method, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a relative Location on the same server is reported as sent, not followed", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/elsewhere") return sendJson(response, 200, []);
      response.writeHead(302, { location: "/elsewhere" });
      response.end();
    });
    const { error } = await failure(client(server).list());
    expect(error).toMatchObject({ status: 302, code: "redirect", location: "/elsewhere", attempts: 1 });
    expect(server.requests.map((r) => r.url)).toEqual([ISSUES_PATH]);
  });
});

describe("the token goes only to the configured origin", () => {
  const listOn = (issues: IssuesClient, baseUrl?: string) =>
    issues.raw.GET("/o/{organisation_id}/issues", {
      params: { path: { organisation_id: ORG } },
      ...(baseUrl === undefined ? {} : { baseUrl }),
    });

  it("a raw call with another origin's baseUrl is refused before anything is sent", async () => {
    const configured = await serve(always([]));
    const other = await serve(always([]));
    const { error } = await failure(listOn(client(configured), other.origin));
    expect(String(error)).toContain(`127.0.0.1:${other.port}`);
    expect(inspect(error, { depth: 5 })).not.toContain(TOKEN);
    expect(other.requests).toHaveLength(0);
    expect(configured.requests).toHaveLength(0);
  });

  it.each(["/other", "/api/v2x", "/api"])(
    "with a baseUrl path, a raw call with the baseUrl path %s is refused; one without works",
    async (path) => {
      const server = await serve(always([]));
      const issues = client(`${server.origin}/api/v2`);
      const { error } = await failure(listOn(issues, `${server.origin}${path}`));
      expect(String(error)).toContain(`127.0.0.1:${server.port}${path}`);
      expect(inspect(error, { depth: 5 })).not.toContain(TOKEN);
      expect(server.requests).toHaveLength(0);

      const { data, response } = await listOn(issues);
      expect(response.status).toBe(200);
      expect(data).toEqual([]);
      expect(server.requests.map((r) => r.url)).toEqual([`/api/v2${ISSUES_PATH}`]);
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    },
  );
});

describe("a response body is part of the attempt", () => {
  const half = `[${JSON.stringify(issue(1)).slice(0, 60)}`;

  it.each([
    { framing: "chunked", contentLength: undefined },
    { framing: "with a Content-Length", contentLength: 4000 },
  ])("a GET whose body ($framing) is cut off is retried", async ({ contentLength }) => {
    const server = await serve((_, response, index) =>
      index === 1 ? cutOff(response, half, contentLength) : sendJson(response, 200, [issue(1)]),
    );
    const attempts: AttemptInfo[] = [];
    const found = await client(server, { onAttempt: (a) => attempts.push(a) }).list();
    expect(found).toEqual([issue(1)]);
    expect(server.requests).toHaveLength(2);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(attempts[0]!.error).toBeDefined();
    expect(attempts[0]!.retryInMs).toBeTypeOf("number");
  });

  it("a GET whose body stalls times out within timeoutMs and is retried", async () => {
    const server = await serve((_, response, index) =>
      index === 1 ? stall(response, half) : sendJson(response, 200, [issue(1)]),
    );
    const start = performance.now();
    const found = await client(server, { timeoutMs: 200 }).list();
    expect(found).toEqual([issue(1)]);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("a POST whose body is cut off is an IssuesNetworkError after exactly one attempt", async () => {
    const server = await serve((_, response) => cutOff(response, half));
    const attempts: AttemptInfo[] = [];
    const { error } = await failure(client(server, { onAttempt: (a) => attempts.push(a) }).create(orderSync));
    expect(error).toBeInstanceOf(IssuesNetworkError);
    expect(error).toMatchObject({ method: "POST", attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.error).toBeDefined();
    expect(attempts[0]!.retryInMs).toBeUndefined();
  });
});

describe("listAll never yields an issue twice and never loops", () => {
  /** A server that answers each `after` (none is "") with its page, and `[]` to any other. */
  const pages =
    (byAfter: Record<string, unknown>): Handler =>
    (request, response) => {
      const after = queryParam(request, "after") ?? "";
      sendJson(response, 200, after in byAfter ? byAfter[after] : []);
    };

  /** Drains listAll, giving up after `limit` issues so that a looping client ends too. */
  async function drain(all: AsyncGenerator<Issue>, limit = 50): Promise<{ ids: string[]; error: unknown }> {
    const ids: string[] = [];
    try {
      for await (const found of all) {
        ids.push(found.id);
        if (ids.length >= limit) return { ids, error: undefined };
      }
      return { ids, error: undefined };
    } catch (error) {
      return { ids, error };
    }
  }

  const [i1, i2, i3, i4] = [1, 2, 3, 4].map(issue) as [Issue, Issue, Issue, Issue];

  it.each([
    {
      server: "ignores after",
      handler: always([i1, i2]),
      yielded: [i1, i2],
      cursor: i2.id,
    },
    {
      server: "cycles back to the first page",
      handler: pages({ "": [i1, i2], [i2.id]: [i3, i4], [i4.id]: [i1, i2] }),
      yielded: [i1, i2, i3, i4],
      cursor: i4.id,
    },
    {
      server: "goes backwards to an earlier page",
      handler: pages({ "": [i1, i2], [i2.id]: [i3, i4], [i4.id]: [i2, i3] }),
      yielded: [i1, i2, i3, i4],
      cursor: i4.id,
    },
  ])("a server that $server ends in an IssuesPagingError naming the cursor", async (c) => {
    const server = await serve(c.handler);
    const { ids, error } = await drain(client(server).listAll());
    expect(ids).toEqual(c.yielded.map((i) => i.id));
    expect(error).toBeInstanceOf(IssuesPagingError);
    expect(error).toBeInstanceOf(IssuesError);
    const paging = error as IssuesPagingError;
    expect(paging.cursor).toBe(c.cursor);
    expect(paging.message).toContain(c.cursor);
    expect(paging.path).toContain(`after=${c.cursor}`);
    expect(server.requests.at(-1)!.url).toContain(`after=${c.cursor}`);
    expect(server.requests).toHaveLength(c.yielded.length / 2 + 1);
  });

  it("a page that holds the same issue twice yields it once, then an IssuesPagingError", async () => {
    const server = await serve(pages({ "": [i1, i2, i1], [i1.id]: [i3] }));
    const { ids, error } = await drain(client(server).listAll());
    expect(new Set(ids).size).toBe(ids.length);
    expect(error).toBeInstanceOf(IssuesPagingError);
    expect((error as IssuesPagingError).cursor).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it.each([{}, "x", null])("a page of %j is an IssuesApiError invalid_body", async (body) => {
    const first = await serve(always(body));
    expect((await failure(client(first).list())).error).toMatchObject({ code: "invalid_body" });
    const { ids, error } = await drain(client(first).listAll());
    expect(ids).toEqual([]);
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ code: "invalid_body" });

    const second = await serve(pages({ "": [i1, i2], [i2.id]: body }));
    const later = await drain(client(second).listAll());
    expect(later.ids).toEqual([i1.id, i2.id]);
    expect(later.error).toMatchObject({ code: "invalid_body" });
    expect(second.requests).toHaveLength(2);
  });

  it("short pages up to an empty one yield every issue once", async () => {
    const server = await serve(pages({ "": [i1, i2], [i2.id]: [i3], [i3.id]: [i4], [i4.id]: [] }));
    const { ids, error } = await drain(client(server).listAll());
    expect(error).toBeUndefined();
    expect(ids).toEqual([i1.id, i2.id, i3.id, i4.id]);
    expect(server.requests).toHaveLength(4);
  });

  it("aborting between two issues of one page stops it at once, with the abort's reason", async () => {
    const fake = createFakeIssues();
    fake.seed([i1, i2, i3]);
    const via = { fetch: fake.fetch, token: fake.token };
    const controller = new AbortController();
    const all = client(fake.url, via).listAll({ first: 2 }, { signal: controller.signal });
    expect((await all.next()).value).toEqual(i3); // newest first
    const reason = new Error("stop paging");
    controller.abort(reason);
    await expect(all.next()).rejects.toBe(reason);
    // A next page asked for would have arrived before this request.
    const arrived = fake.events.waitFor("request:start");
    void client(fake.url, via).list();
    await arrived;
    expect(fake.requests.map((request) => request.path)).toEqual([`${ISSUES_PATH}?first=2`, ISSUES_PATH]);
  });
});

describe("server text never carries the token into an error", () => {
  const echoingBody = (authorization: string) => ({
    code: "validation_failed",
    message: `bad credentials: ${authorization}`,
    details: `request carried ${authorization}`,
    fields: [{ field: "authorization", message: `${authorization} is not accepted` }],
  });

  it.each([
    { answer: "a 400 JSON Error", status: 400, html: false },
    { answer: "a 500 JSON Error", status: 500, html: false },
    { answer: "a 502 HTML page", status: 502, html: true },
    { answer: "a 200 that is not JSON", status: 200, html: true },
  ])("$answer echoing the Authorization header", async ({ status, html }) => {
    const server = await serve((request, response) => {
      const authorization = request.headers.authorization ?? "";
      const echo = { "x-echo": authorization, "x-request-id": "req-echo" };
      if (!html) return sendJson(response, status, echoingBody(authorization), echo);
      response.writeHead(status, { "content-type": "text/html", ...echo });
      response.end(`<html><body>Denied: ${authorization}</body></html>`);
    });
    const { error } = await failure(client(server).list());
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error.status).toBe(status);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("x-request-id")).toBe("req-echo");
    const views = [
      error.message,
      String(error.details),
      JSON.stringify(error.fields),
      [...(error.headers as Headers).values()].join("\n"),
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ];
    for (const view of views) expect(view).not.toContain(TOKEN);
  });

  it("a 200 JSON body of the wrong shape echoing the token", async () => {
    const server = await serve((request, response) =>
      sendJson(response, 200, { message: request.headers.authorization }),
    );
    const { error } = await failure(client(server).list());
    expect(error).toMatchObject({ code: "invalid_body" });
    for (const view of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(view).not.toContain(TOKEN);
    }
  });
});

describe("Retry-After in every HTTP-date form, and the response size limit", () => {
  const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const formats: Record<string, (d: Date) => string> = {
    "IMF-fixdate": (d) => d.toUTCString(),
    "RFC 850": (d) =>
      `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${two(d.getUTCFullYear() % 100)} ${clock(d)} GMT`,
    asctime: (d) =>
      `${DAYS[d.getUTCDay()]!.slice(0, 3)} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${clock(d)} ${d.getUTCFullYear()}`,
  };

  /** RFC 9110's own example of each form. */
  const examples: Record<string, string> = {
    "IMF-fixdate": "Sun, 06 Nov 1994 08:49:37 GMT",
    "RFC 850": "Sunday, 06-Nov-94 08:49:37 GMT",
    asctime: "Sun Nov  6 08:49:37 1994",
  };

  it.each(Object.keys(formats))("a 503 with Retry-After as %s is waited for", async (format) => {
    expect(formats[format]!(new Date(Date.UTC(1994, 10, 6, 8, 49, 37)))).toBe(examples[format]);
    const sent: string[] = [];
    const server = await serve((_, response, index) => {
      if (index > 1) return sendJson(response, 200, []);
      // A whole second 1 to 2 s from now: HTTP dates carry no fractions.
      const retryAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000);
      sent.push(formats[format]!(retryAt));
      sendJson(response, 503, { code: "unavailable", message: "busy" }, { "retry-after": sent[0]! });
    });
    const attempts: AttemptInfo[] = [];
    const issues = client(server, {
      retry: { minDelayMs: 1, maxDelayMs: 5000 },
      onAttempt: (a) => attempts.push(a),
    });
    expect(await issues.list()).toEqual([]);
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1]!.at - server.requests[0]!.at;
    expect(waited, `Retry-After: ${sent[0]}`).toBeGreaterThanOrEqual(600);
    expect(waited).toBeLessThan(3000);
    expect(attempts[0]).toMatchObject({ attempt: 1, status: 503 });
    expect(attempts[0]!.retryInMs).toBeGreaterThanOrEqual(600);
  });

  const bigArray = () => {
    const body = JSON.stringify(Array.from({ length: 20 }, (_, i) => issue(i)));
    expect(body.length).toBeGreaterThan(5000);
    return body;
  };

  it("a body above maxResponseBytes with a Content-Length is response_too_large, not retried", async () => {
    const body = bigArray();
    const server = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
    const { error } = await failure(client(server, { maxResponseBytes: 1000 }).list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ code: "response_too_large", attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("a chunked body above maxResponseBytes is response_too_large, not retried", async () => {
    const body = bigArray();
    const server = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      for (let at = 0; at < body.length; at += 500) response.write(body.slice(at, at + 500));
      response.end();
    });
    const { error } = await failure(client(server, { maxResponseBytes: 1000 }).list());
    expect(error).toMatchObject({ code: "response_too_large", attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("a body that never ends is cut off at the limit, long before the timeout", async () => {
    const server = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
      const chunk = `${JSON.stringify(issue(1))},`;
      const streaming = setInterval(() => response.write(chunk), 5);
      response.on("close", () => clearInterval(streaming));
    });
    const { error, ms } = await failure(client(server, { maxResponseBytes: 1000, timeoutMs: 3000 }).list());
    expect(error).toMatchObject({ code: "response_too_large", attempts: 1 });
    expect(ms).toBeLessThan(2000);
  });

  it("a body of exactly maxResponseBytes is read; one byte more is too large", async () => {
    const server = await serve((_, response, index) => {
      const body = `[]${" ".repeat(index === 1 ? 998 : 999)}`;
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
    const issues = client(server, { maxResponseBytes: 1000 });
    expect(await issues.list()).toEqual([]);
    expect((await failure(issues.list())).error).toMatchObject({ code: "response_too_large" });
  });
});

describe("error details, per-call options and onAttempt", () => {
  it("IssuesApiError.headers carries the response's headers", async () => {
    const server = await serve(
      always({ code: "not_found", message: "no such issue" }, 404, { "x-request-id": "req-7f3a" }),
    );
    const { error } = await failure(client(server).update(issueId(0), { title: "x" }));
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("x-request-id")).toBe("req-7f3a");
  });

  it.each([429, 503])("a %i with Retry-After: 2 and no retry left has retryAfterMs 2000", async (status) => {
    const server = await serve(
      always({ code: "slow_down", message: "later" }, status, { "retry-after": "2" }),
    );
    const { error, ms } = await failure(client(server, { retry: false }).list());
    expect(error).toMatchObject({ status, attempts: 1, retryAfterMs: 2000 });
    expect(ms).toBeLessThan(1000);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const server = await serve(() => {});
    const issues = client(server, { timeoutMs: 5000, retry: false });
    const { error, ms } = await failure(issues.list({}, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(IssuesTimeoutError);
    expect(error.message).toContain("timed out after 100 ms");
    expect(ms).toBeLessThan(1500);
  });

  it("a per-call retry overrides the client's, both ways", async () => {
    const server = await serve(always({ code: "unavailable", message: "busy" }, 503));
    const { error } = await failure(client(server).list({}, { retry: false }));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);

    const more = await failure(client(server, { retry: false }).list({}, { retry: { retries: 4, ...FAST } }));
    expect(more.error).toMatchObject({ status: 503, attempts: 5 });
    expect(server.requests).toHaveLength(6);
  });

  it("onAttempt is called once per attempt, with its outcome and the wait that follows", async () => {
    const server = await serve((_, response, index) => {
      if (index === 1) return sendJson(response, 503, { code: "unavailable", message: "busy" });
      if (index === 2) return response.socket?.destroy();
      sendJson(response, 200, [issue(1)]);
    });
    const attempts: AttemptInfo[] = [];
    const found = await client(server, {
      retry: { retries: 3, ...FAST },
      onAttempt: (a) => attempts.push(a),
    }).list();
    expect(found).toEqual([issue(1)]);
    expect(server.requests).toHaveLength(3);
    expect(attempts.map((a) => [a.method, a.path, a.attempt])).toEqual([
      ["GET", ISSUES_PATH, 1],
      ["GET", ISSUES_PATH, 2],
      ["GET", ISSUES_PATH, 3],
    ]);
    expect(attempts[0]!.status).toBe(503);
    expect(attempts[1]!.status).toBeUndefined();
    expect(attempts[1]!.error).toBeDefined();
    expect(attempts[2]!.status).toBe(200);
    expect(attempts[2]!.error).toBeUndefined();
    for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    expect(attempts[0]!.retryInMs).toBeTypeOf("number");
    expect(attempts[1]!.retryInMs).toBeTypeOf("number");
    expect(attempts[2]!.retryInMs).toBeUndefined();
  });

  it("onAttempt sees no retryInMs on the last attempt of a call that fails", async () => {
    const server = await serve(always({ code: "unavailable", message: "busy" }, 503));
    const attempts: AttemptInfo[] = [];
    await failure(
      client(server, { retry: { retries: 1, ...FAST }, onAttempt: (a) => attempts.push(a) }).list(),
    );
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 503],
      [2, 503],
    ]);
    expect(attempts[0]!.retryInMs).toBeTypeOf("number");
    expect(attempts[1]!.retryInMs).toBeUndefined();
  });
});

describe("the paths around the guards", () => {
  it("a JSON-escaped or percent-encoded echo of the token is redacted too", async () => {
    const token = "tok/en<x>secret";
    const server = await serve((_, response) => {
      response.writeHead(401, {
        "content-type": "application/json",
        "x-echo": encodeURIComponent(token),
      });
      // As PHP escapes "/" and Go escapes "<" and ">".
      response.end('{"code":"unauthorized","message":"bad token tok\\/en\\u003cx\\u003esecret"}');
    });
    const { error } = await failure(client(server, { token }).list());
    expect(error).toBeInstanceOf(IssuesApiError);
    const views = [
      error.message,
      [...(error.headers as Headers).values()].join("\n"),
      inspect(error, { depth: 5 }),
    ];
    for (const view of views) expect(view).not.toContain("secret");
    expect(error.message).toContain("[REDACTED]");
  });

  it("a body that is not JSON is cut short only after the token is redacted", async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(`${"x".repeat(90)}${request.headers.authorization}`);
    });
    const { error } = await failure(client(server).list());
    expect(error).toMatchObject({ code: "invalid_json" });
    expect(error.message).not.toContain("tok_sec");
  });

  it("a raw call with its own fetch never gets the token", async () => {
    const seen: Request[] = [];
    const spy = async (request: Request) => {
      seen.push(request);
      return Response.json([]);
    };
    const issues = client("http://127.0.0.1:1");
    await issues.raw.GET("/o/{organisation_id}/issues", {
      baseUrl: "https://elsewhere.test",
      params: { path: { organisation_id: ORG } },
      fetch: spy,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get("authorization")).toBeNull();
  });

  it("a custom fetch that drops its second argument still follows no redirect and still times out", async () => {
    const elsewhere = await serve((_, response) => sendJson(response, 200, []));
    const redirecting = await serve((_, response) => {
      response.writeHead(307, { location: `${elsewhere.origin}${ISSUES_PATH}` });
      response.end();
    });
    const careless = (request: Request) => fetch(request);
    const { error } = await failure(client(redirecting, { fetch: careless as typeof fetch }).list());
    expect(error).toMatchObject({ status: 307, code: "redirect" });
    expect(elsewhere.requests).toHaveLength(0);

    const stalling = await serve((_, response) => stall(response, "["));
    const { error: timedOut, ms } = await failure(
      client(stalling, { fetch: careless as typeof fetch, timeoutMs: 100, retry: false }).list(),
    );
    expect(timedOut).toBeInstanceOf(IssuesTimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it("middleware that answers in the transport's place is judged like the transport's answers", async () => {
    const issues = client("http://127.0.0.1:1");
    issues.raw.use({ onRequest: () => new Response("<html>maintenance</html>", { status: 503 }) });
    const { error } = await failure(issues.list());
    expect(error).toMatchObject({ status: 503, code: "unknown" });

    const other = client("http://127.0.0.1:1");
    other.raw.use({ onRequest: () => new Response("not json", { status: 200 }) });
    expect((await failure(other.list())).error).toMatchObject({ code: "invalid_json" });
  });

  it("an onAttempt that throws changes nothing, and a too-large attempt is reported too", async () => {
    const server = await serve((_, response) => sendJson(response, 201, issue(1)));
    const attempts: AttemptInfo[] = [];
    const issues = client(server, {
      onAttempt: (attempt) => {
        attempts.push(attempt);
        throw new Error("logger down");
      },
    });
    expect((await issues.create(orderSync)).id).toBe(issue(1).id);
    expect(attempts).toHaveLength(1);

    const big = await serve((_, response) => sendJson(response, 200, [issue(1), issue(2)]));
    const seen: AttemptInfo[] = [];
    await failure(client(big, { maxResponseBytes: 100, onAttempt: (attempt) => seen.push(attempt) }).list());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 200, error: { code: "response_too_large" } });
  });

  it.each(["http://u:pw@127.0.0.1:1", "http://127.0.0.1:1/api?x=1", "http://127.0.0.1:1/api#f"])(
    "refuses the baseUrl %s, which would end up in every request",
    (baseUrl) => {
      expect(() => client(baseUrl)).toThrow(/baseUrl must have no user, password, query or fragment/);
    },
  );

  it("a baseUrl with trailing slashes works", async () => {
    const server = await serve((_, response) => sendJson(response, 200, []));
    expect(await client(`${server.origin}//`).list()).toEqual([]);
    expect(server.requests[0]!.url).toBe(ISSUES_PATH);
  });

  it("an update answered with 204 and no body is invalid_body, and a non-list `fields` is an empty list", async () => {
    const empty = await serve((_, response) => {
      response.writeHead(204);
      response.end();
    });
    expect((await failure(client(empty).update(issue(1).id, { status: "acked" }))).error).toMatchObject({
      code: "invalid_body",
      message: expect.stringContaining("an empty body"),
    });
    const odd = await serve((_, response) =>
      sendJson(response, 400, { code: "bad", message: "m", fields: "x" }),
    );
    expect((await failure(client(odd).list())).error).toMatchObject({ status: 400, fields: [] });
  });

  it("optional settings accept undefined, as exactOptionalPropertyTypes code passes them", () => {
    const maybe = (): number | undefined => undefined;
    const options: CallOptions = { signal: undefined, timeoutMs: maybe(), retry: { retries: maybe() } };
    expect(options.timeoutMs).toBeUndefined();
    expect(() => client("http://127.0.0.1:1", { fetch: undefined, headers: undefined })).not.toThrow();
  });
});
