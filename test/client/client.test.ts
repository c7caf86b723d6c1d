/** Every method of the client, against the fake Issues server on loopback. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createIssuesClient,
  type Issue,
  IssuesApiError,
  type IssuesClient,
  type NewIssue,
} from "../../src/index.ts";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ENV, ORG, orderSync, PROJECT, UNKNOWN_ISSUE } from "../support/fixtures.ts";

const OTHER_ENV = "01M45HYM30GRDAEXDAQJ8HMTJB";

let server: FakeIssuesServer;
let issues: IssuesClient;

beforeAll(async () => {
  server = await startFakeIssuesServer();
  issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId: ORG });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("create", () => {
  it("fills in the organisation and returns the server's issue", async () => {
    const issue = await issues.create({ ...orderSync, projectId: PROJECT, labels: { team: "ops" } });
    expect(issue).toMatchObject({
      organisationId: ORG,
      projectId: PROJECT,
      environmentId: ENV,
      status: "open",
      seenCount: 1,
      labels: { team: "ops" },
    });
    expect(issue.id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(server.issues(ORG)).toEqual([issue]);
  });

  it("reports the server's validation errors field by field", async () => {
    const error = await issues
      .create({ ...orderSync, severity: "urgent" as never, labels: { env: 1 as never } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 400, code: "validation_failed", method: "POST", attempts: 1 });
    expect((error as IssuesApiError).fields.map((f) => f.field).sort()).toEqual(["labels.env", "severity"]);
  });
});

describe("list and listAll", () => {
  async function createMany(count: number, fields: Partial<NewIssue> = {}): Promise<Issue[]> {
    const created: Issue[] = [];
    for (let i = 0; i < count; i++)
      created.push(await issues.create({ ...orderSync, title: `#${i}`, ...fields }));
    return created;
  }

  it("list returns one page, filtered, newest first", async () => {
    const high = (await createMany(3)).reverse();
    await createMany(2, { severity: "low", environmentId: OTHER_ENV });
    expect(await issues.list({ severity: "high" })).toEqual(high);
    const low = await issues.list({ first: 2, severity: "low" });
    expect(low.map((i) => i.title)).toEqual(["#1", "#0"]);
    expect(await issues.list({ environment_id: OTHER_ENV, status: "acked" })).toEqual([]);
  });

  it("listAll follows the after cursor through short pages until an empty one", async () => {
    const created = (await createMany(7)).reverse();
    server.maxPageSize = 2;
    const seen: string[] = [];
    for await (const issue of issues.listAll({ first: 3 })) seen.push(issue.id);
    expect(seen).toEqual(created.map((i) => i.id));
    const lists = server.requests.filter((r) => r.method === "GET");
    expect(lists).toHaveLength(5); // 2 + 2 + 2 + 1, then the empty page
    expect(lists[1]!.path).toContain(`after=${created[1]!.id}`);
  });

  it("listAll is lazy: it fetches the next page only when the loop asks for it", async () => {
    await createMany(4);
    server.maxPageSize = 2;
    const all = issues.listAll();
    await all.next();
    expect(server.requests.filter((r) => r.method === "GET")).toHaveLength(1);
    await all.return();
  });

  it("listAll refuses to loop when a server ignores the cursor", async () => {
    const page = [{ id: UNKNOWN_ISSUE }];
    const stuck = createIssuesClient({
      baseUrl: "https://issues.test",
      token: "t",
      organisationId: ORG,
      fetch: async () => Response.json(page),
    });
    const drain = async () => {
      for await (const issue of stuck.listAll()) void issue;
    };
    await expect(drain()).rejects.toThrow(`listAll: the page after ${UNKNOWN_ISSUE} repeats issue`);
  });
});

describe("update, acknowledge and resolve", () => {
  it("update changes only the given fields", async () => {
    const issue = await issues.create({ ...orderSync, message: "first", labels: { a: "1" } });
    const updated = await issues.update(issue.id, { title: "Renamed", labels: { b: "2" } });
    expect(updated).toEqual({ ...issue, title: "Renamed", labels: { b: "2" } });
  });

  it("acknowledge and resolve move the issue through its lifecycle", async () => {
    const issue = await issues.create(orderSync);
    expect((await issues.acknowledge(issue.id)).status).toBe("acked");
    expect(await issues.resolve(issue.id)).toMatchObject({
      status: "resolved",
      resolutionStatus: "resolved",
    });
    expect(await issues.resolve(issue.id, "negated")).toMatchObject({ resolutionStatus: "negated" });
    expect(server.issues(ORG)[0]).toMatchObject({ status: "resolved", resolutionStatus: "negated" });
  });

  it("an unknown issue is an IssuesApiError whose message names the call", async () => {
    const error = await issues.update(UNKNOWN_ISSUE, { status: "acked" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({
      status: 404,
      code: "not_found",
      method: "PATCH",
      path: `/o/${ORG}/issues/${UNKNOWN_ISSUE}`,
    });
    expect((error as Error).message).toBe(
      `[PATCH /o/${ORG}/issues/${UNKNOWN_ISSUE}] 404 not_found: issue does not exist`,
    );
    expect((error as Error).name).toBe("IssuesApiError");
  });

  it("keeps an issue ID with URL syntax in one path segment", async () => {
    const error = await issues.update("../x?y#z", { status: "acked" }).catch((e: unknown) => e);
    expect(server.requests.at(-1)!.path).toBe(`/o/${ORG}/issues/..%2Fx%3Fy%23z`);
    expect(error).toMatchObject({ status: 400, fields: [{ field: "issue_id" }] });
  });

  it.each([".", ".."])(
    "refuses the issue ID %j, which a URL would resolve as a directory step",
    async (id) => {
      await expect(issues.update(id, { status: "acked" })).rejects.toThrow(TypeError);
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe("raw", () => {
  it("is openapi-fetch with the client's auth", async () => {
    const created = await issues.create(orderSync);
    const { data, response } = await issues.raw.GET("/o/{organisation_id}/issues", {
      params: { path: { organisation_id: ORG } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual([created]);
  });

  it("returns API errors as openapi-fetch does, without throwing", async () => {
    const { error, response } = await issues.raw.PATCH("/o/{organisation_id}/issues/{issue_id}", {
      params: { path: { organisation_id: ORG, issue_id: UNKNOWN_ISSUE } },
      body: { status: "acked" },
    });
    expect(response.status).toBe(404);
    expect(error).toEqual({ code: "not_found", message: "issue does not exist" });
  });
});

describe("createIssuesClient", () => {
  it("sends the token as a bearer token and extra headers with every request", async () => {
    const seen: Request[] = [];
    const spy = createIssuesClient({
      token: "secret-token",
      organisationId: ORG,
      headers: { "User-Agent": "issues-test/1.0" },
      fetch: async (input) => {
        seen.push(input as Request);
        return Response.json([]);
      },
    });
    await spy.list();
    expect(seen[0]!.url).toBe(`https://platform.versori.com/api/v2/o/${ORG}/issues`);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer secret-token");
    expect(seen[0]!.headers.get("user-agent")).toBe("issues-test/1.0");
  });

  it("a wrong token is a 401 IssuesApiError", async () => {
    const wrong = createIssuesClient({ baseUrl: server.url, token: "wrong", organisationId: ORG });
    await expect(wrong.list()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it.each([
    "http://platform.versori.com/api/v2",
    "http://10.0.0.8:8901",
    "ftp://127.0.0.1",
    "http://localhost:x@evil.test",
  ])("refuses %s, which would send the token in clear text", (baseUrl) => {
    expect(() => createIssuesClient({ baseUrl, token: "t", organisationId: ORG })).toThrow(
      /^versori-issues-api: baseUrl must be https, or the token travels in clear text/,
    );
  });

  it.each([
    ["", "token is missing"],
    ["tok en", "token must be printable ASCII"],
    ["tok\nen", "token must be printable ASCII"],
    ["tökén", "token must be printable ASCII"],
  ])("refuses the token %j, without quoting it", (token, refusal) => {
    const error = (() => {
      try {
        createIssuesClient({ token, organisationId: ORG });
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.message).toContain(refusal);
    if (token) expect(error?.message).not.toContain(token);
  });

  it.each([
    "https://platform.versori.com/api/v2",
    "http://localhost:8901",
    "http://127.0.0.1:1",
    "http://[::1]:80",
  ])("accepts %s", (baseUrl) => {
    expect(() => createIssuesClient({ baseUrl, token: "t", organisationId: ORG })).not.toThrow();
  });
});

describe("cancellation", () => {
  it("an aborted signal rejects with its reason", async () => {
    server.delayNext(2000);
    const controller = new AbortController();
    const pending = issues.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    await expect(pending).rejects.toThrow("user gave up");
  });
});
