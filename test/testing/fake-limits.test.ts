/**
 * What the HTTP fake refuses to hold on to, over real loopback HTTP: a body over its limit gets a
 * 413 before the body has arrived, a connection that sends nothing is closed, and a request
 * target that is not a path gets a 400.
 */
import { type IncomingMessage, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeIssues, type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const LIMIT = 4096;
const CHUNK = Buffer.alloc(1024, "a");
/** Far more than the limit: the client stops sending once the server has answered. */
const MEANT_TO_SEND = 16 * 1024 * 1024;

let server: FakeIssuesServer;
beforeAll(async () => {
  server = await startFakeIssuesServer({ maxBodyBytes: LIMIT });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** How many body bytes the client had sent when the answer came. */
  sent: number;
}

/**
 * POSTs a body of MEANT_TO_SEND bytes, a chunk at a time, and stops sending as soon as the answer
 * arrives; rejects after 10 s without one.
 */
function postLargeBody(headers: Record<string, string | number>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const timer = setTimeout(() => {
      post.destroy();
      reject(new Error(`no answer after sending ${sent} bytes`));
    }, 10_000);
    const post = httpRequest(
      `${server.url}/o/${ORG}/issues`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json", ...headers },
      },
      (response) => {
        answered = true;
        const at = sent;
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk;
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(text),
            sent: at,
          });
        });
      },
    );
    post.on("error", () => {}); // the server may close while the rest of the body is on its way
    const pump = () => {
      while (!answered && sent < MEANT_TO_SEND) {
        sent += CHUNK.byteLength;
        if (!post.write(CHUNK)) return void post.once("drain", pump);
      }
    };
    pump();
  });
}

describe("the body limit", () => {
  it("answers a streamed body over the limit with 413 and an Error body while it is still arriving", async () => {
    server.reset();
    const answer = await postLargeBody({});
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      code: "content_too_large",
      message: expect.stringContaining("4096 bytes"),
    });
    expect(answer.headers.connection).toBe("close");
    expect(answer.sent).toBeLessThan(MEANT_TO_SEND);
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", status: 413 });
  });

  it("answers a Content-Length over the limit with 413 before reading the body", async () => {
    const answer = await postLargeBody({ "content-length": 600 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: "content_too_large" });
    expect(answer.sent).toBeLessThan(MEANT_TO_SEND);
  });

  it("still serves a body within the limit, and the next request after a refusal", async () => {
    const response = await fetch(`${server.url}/o/${ORG}/issues`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...orderSync, organisationId: ORG }),
    });
    expect(response.status).toBe(201);
  });

  it("applies to the in-process fetch too, with a default of 1 MiB", async () => {
    const fake = createFakeIssues();
    const post = (bytes: number) =>
      fake.fetch(`${fake.url}/o/${ORG}/issues`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...orderSync, organisationId: ORG, message: "m".repeat(bytes) }),
      });
    expect((await post(1024 * 1024 - 1024)).status).toBe(201);
    const refused = await post(1024 * 1024);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: "content_too_large", message: expect.any(String) });
    expect(fake.issues()).toHaveLength(1);
  });
});

/** Resolves with how long the server took to close a socket that `send` wrote to, or rejects after 5 s. */
function closedAfter(target: FakeIssuesServer, send: string): Promise<number> {
  const { port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(send));
    socket.on("data", () => {});
    socket.on("error", () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("the server kept the idle connection open"));
    }, 5_000);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
}

describe("timeouts", () => {
  let timed: FakeIssuesServer;
  beforeAll(async () => {
    timed = await startFakeIssuesServer({
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      keepAliveTimeoutMs: 300,
    });
  });
  afterAll(() => timed.close());

  it.each([
    ["sends nothing", ""],
    ["stops inside its headers", "GET / HTTP/1.1\r\nhost: x\r\n"],
    ["stops inside its body", "POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"],
    ["stays idle after an answer", `GET /o/${ORG}/issues HTTP/1.1\r\nhost: x\r\n\r\n`],
  ])("closes a connection that %s", async (_, send) => {
    expect(await closedAfter(timed, send)).toBeLessThan(3_000);
  });

  it("keeps a held-back response past the request timeout, which only covers receiving the request", async () => {
    timed.delayNext(900);
    const response = await fetch(`${timed.url}/o/${ORG}/issues`, {
      headers: { authorization: `Bearer ${timed.token}` },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    [{ headersTimeoutMs: 0 }, /headersTimeoutMs must be an integer/],
    [{ keepAliveTimeoutMs: Number.POSITIVE_INFINITY }, /keepAliveTimeoutMs must be an integer/],
    [
      { headersTimeoutMs: 2000, requestTimeoutMs: 1000 },
      /headersTimeoutMs .* cannot exceed requestTimeoutMs/,
    ],
  ])("refuses %j", async (options, message) => {
    await expect(startFakeIssuesServer(options)).rejects.toThrow(message);
  });
});

describe("the request target", () => {
  it.each([
    ["an absolute URL", `http://other.test/o/${ORG}/issues`],
    ["an asterisk", "*"],
  ])("answers %s with 400 and an Error body", async (_, target) => {
    const { port } = new URL(server.url);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(`GET ${target} HTTP/1.1\r\nhost: other.test\r\nconnection: close\r\n\r\n`),
      );
      socket.on("data", (chunk: Buffer) => {
        text += chunk;
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const [head = "", body = ""] = reply.split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(body)).toEqual({ code: "bad_request", message: expect.stringContaining("path") });
  });
});

describe("the host", () => {
  it("refuses an empty host, which would listen on every interface", async () => {
    await expect(startFakeIssuesServer({ host: "" })).rejects.toThrow(
      /host must name an interface, such as 127\.0\.0\.1/,
    );
  });
});
