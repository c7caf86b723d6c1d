/**
 * What an IssuesNetworkError says, against real sockets on loopback: what the platform found (its
 * message and code, where a bare `fetch failed` or `terminated` says neither) and how many
 * attempts were made.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIssuesClient, IssuesNetworkError } from "../../src/index.ts";
import { createFakeIssues } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";
import { freePort } from "../support/ports.ts";

/** Answers every request with a status line and half a body, then closes the connection. */
let cutting: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  cutting = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[{");
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => cutting.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => cutting.close(resolve));
});

const client = (baseUrl: string) =>
  createIssuesClient({ baseUrl, token: "t", organisationId: ORG, retry: { minDelayMs: 0 } });

async function networkError(call: Promise<unknown>): Promise<IssuesNetworkError> {
  const error = await call.then(
    () => expect.unreachable("the call succeeded"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IssuesNetworkError);
  return error as IssuesNetworkError;
}

describe("an IssuesNetworkError's message", () => {
  it("names a refused connection's code and address, and the attempts", async () => {
    const port = await freePort();
    const error = await networkError(client(`http://127.0.0.1:${port}`).list());
    expect(error.message).toBe(
      `[GET /o/${ORG}/issues] connect ECONNREFUSED 127.0.0.1:${port}, after 3 attempts`,
    );
    expect(error.attempts).toBe(3);
  });

  it("says what the platform found when a body is cut off, with its code", async () => {
    const { port } = cutting.address() as { port: number };
    const error = await networkError(client(`http://127.0.0.1:${port}`).list());
    expect(error.message).toBe(`[GET /o/${ORG}/issues] other side closed (UND_ERR_SOCKET), after 3 attempts`);
  });

  it("counts a POST's one attempt", async () => {
    const { port } = cutting.address() as { port: number };
    const error = await networkError(client(`http://127.0.0.1:${port}`).create(orderSync));
    expect(error.message).toMatch(/\(UND_ERR_SOCKET\), after 1 attempt$/);
  });

  it("names a bare code that a fetch gives as the cause, with the fetch's message", async () => {
    const fake = createFakeIssues();
    const issues = createIssuesClient({
      baseUrl: fake.url,
      token: fake.token,
      organisationId: ORG,
      fetch: fake.fetch,
    });
    fake.dropNextResponse();
    const error = await networkError(issues.create(orderSync));
    expect(error.message).toBe(`[POST /o/${ORG}/issues] fetch failed (ECONNRESET), after 1 attempt`);
  });
});
