/**
 * Error bodies nested thousands of levels deep, from a real server on 127.0.0.1: JSON.parse reads
 * them, and nothing after it walks the whole tree, so the API's `code`, `message` and `fields`
 * still reach the IssuesApiError, with the token redacted from them.
 */
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createIssuesClient, IssuesApiError } from "../../src/index.ts";
import { failure } from "../support/failure.ts";
import { ORG } from "../support/fixtures.ts";
import { type HostileServer, startHostileServer } from "../support/hostile-server.ts";

const TOKEN = "tok_deep-secret";
const DEPTH = 5000;
/** `{"a":{"a":…"x"…}}`, `DEPTH` levels: written as text, since JSON.stringify cannot nest it. */
const deep = `${'{"a":'.repeat(DEPTH)}"x"${"}".repeat(DEPTH)}`;

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A loopback server that answers every request with `status` and the JSON text `body`. */
async function answering(status: number, body: (authorization: string) => string) {
  const server = await startHostileServer((request, response) => {
    const text = body(request.headers.authorization ?? "");
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  });
  servers.push(server);
  return createIssuesClient({ baseUrl: server.origin, token: TOKEN, organisationId: ORG, retry: false });
}

describe("an error body nested 5,000 levels deep", () => {
  it("keeps the 400's code, message and fields, with the token redacted", async () => {
    const issues = await answering(
      400,
      (authorization) =>
        `{"code":"validation_failed","message":"labels.env is too long (${authorization})",` +
        `"fields":[{"field":"labels.env","message":"must be at most 63 long"},${deep}],"details":${deep}}`,
    );
    const { error } = await failure(issues.list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 400, code: "validation_failed", details: undefined });
    expect(error.message).toBe(
      `[GET /o/${ORG}/issues] 400 validation_failed: labels.env is too long (Bearer [REDACTED])`,
    );
    // The malformed entry is left out; the well-formed one is kept.
    expect(error.fields).toEqual([{ field: "labels.env", message: "must be at most 63 long" }]);
    expect(inspect(error)).not.toContain("deep-secret");
  });

  it("keeps the code when the deep value is where a field's message belongs", async () => {
    const issues = await answering(
      422,
      () => `{"code":"unprocessable","message":"no","fields":[{"field":"a","message":${deep}}]}`,
    );
    const { error } = await failure(issues.list());
    expect(error).toMatchObject({ status: 422, code: "unprocessable", fields: [] });
  });

  it("keeps the code when middleware answers in the transport's place", async () => {
    const issues = createIssuesClient({
      baseUrl: "http://127.0.0.1:1",
      token: TOKEN,
      organisationId: ORG,
      retry: false,
    });
    issues.raw.use({
      onRequest: () =>
        new Response(`{"code":"maintenance","message":"back soon","details":${deep}}`, { status: 503 }),
    });
    const { error } = await failure(issues.list());
    expect(error).toBeInstanceOf(IssuesApiError);
    expect(error).toMatchObject({ status: 503, code: "maintenance" });
    expect(error.message).toContain("503 maintenance: back soon");
  });
});
