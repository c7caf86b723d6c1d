/**
 * Every operation of the spec is served by the fake and reachable from the client. A new one
 * (say `GET /o/{organisation_id}/issues/{issue_id}`) fails here, named, with the file to change,
 * rather than as a 500 from the fake at the first request or a client that says nothing.
 *
 * The operations are read from generated/openapi.dereferenced.json, and which operations the
 * client's methods call is seen on the wire: each method is called against a loopback server
 * that records the requests. An operation with no method is fine when the client's documentation
 * of `raw` lists it as called through `raw`.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIssuesClient, type IssuesClient } from "../../src/index.ts";
import { HTTP_METHODS, type OpenApiDocument, type SchemaObject } from "../../src/spec/document.ts";
import { compileSpec } from "../../src/spec/index.ts";
import { compileRoutes } from "../../src/spec/router.ts";
import { createOperations } from "../../src/testing/operations.ts";
import { IssueStore } from "../../src/testing/store.ts";
import { ORG, orderSync, UNKNOWN_ISSUE } from "../support/fixtures.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

/** The sentence, in `raw`'s documentation (src/client.ts) and README, that lists them. */
const THROUGH_RAW = "Operations with no method of their own, called through `raw` only:";

const readText = (file: string) => readFile(join(REPO_ROOT, file), "utf8");

interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** The JSON type of its success body: `array` or `object`. */
  success: string | undefined;
}

function operationsOf(document: OpenApiDocument): SpecOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"))?.[1];
      const schema = success?.content?.["application/json"]?.schema as SchemaObject | undefined;
      const type = typeof schema?.type === "string" ? schema.type : undefined;
      return [{ operationId: operation.operationId, method: method.toUpperCase(), path, success: type }];
    }),
  );
}

const named = ({ operationId, method, path }: SpecOperation) => `${operationId} (${method} ${path})`;

/**
 * The operations listed after THROUGH_RAW in `text`, a source file's comments or Markdown: the
 * names in backquotes up to the sentence's full stop, or none. Undefined when it has no such list.
 */
function listedThroughRaw(text: string): string[] | undefined {
  const flat = text
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .join(" ");
  const at = flat.indexOf(THROUGH_RAW);
  if (at < 0) return undefined;
  const rest = flat.slice(at + THROUGH_RAW.length);
  const sentence = rest.slice(0, rest.indexOf("."));
  return [...sentence.matchAll(/`(\w+)`/g)].map((found) => found[1]!);
}

type Method = Exclude<keyof IssuesClient, "raw">;

/** One call of each method of the client. A new method does not compile until it has one. */
const CALLS: Record<Method, (client: IssuesClient) => Promise<unknown>> = {
  list: (client) => client.list(),
  listAll: async (client) => {
    for await (const _ of client.listAll());
  },
  find: (client) => client.find(UNKNOWN_ISSUE),
  create: (client) => client.create(orderSync),
  update: (client) => client.update(UNKNOWN_ISSUE, { title: "Renamed" }),
  acknowledge: (client) => client.acknowledge(UNKNOWN_ISSUE),
  resolve: (client) => client.resolve(UNKNOWN_ISSUE),
};

let document: OpenApiDocument;
let operations: SpecOperation[];
/** The requests the loopback server got, as `METHOD /path`, since the last call began. */
const received: string[] = [];
let baseUrl = "";
const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  received.push(`${request.method} ${url.pathname}`);
  // Enough for the client to take as its operation's success: an empty page, or an issue's ID.
  const match = compileRoutes(document.paths).match(request.method ?? "GET", url.pathname);
  const operation =
    "operation" in match
      ? operations.find((found) => found.operationId === match.operation.operationId)
      : undefined;
  const body = operation?.success === "array" ? [] : { id: UNKNOWN_ISSUE };
  response.writeHead(operation ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body));
});

beforeAll(async () => {
  document = JSON.parse(await readText("generated/openapi.dereferenced.json")) as OpenApiDocument;
  operations = operationsOf(document);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The operationIds each method of the client calls, as the loopback server saw them. */
async function operationsCalled(client: IssuesClient): Promise<Map<string, Method[]>> {
  const router = compileRoutes(document.paths);
  const called = new Map<string, Method[]>();
  for (const [method, call] of Object.entries(CALLS) as [Method, (typeof CALLS)[Method]][]) {
    received.length = 0;
    await call(client);
    for (const request of received) {
      const [verb, path] = request.split(" ") as [string, string];
      const match = router.match(verb, path);
      if (!("operation" in match))
        throw new Error(`${method} sent ${request}, which is no operation of the spec`);
      const { operationId } = match.operation;
      called.set(operationId, [...new Set([...(called.get(operationId) ?? []), method])]);
    }
  }
  return called;
}

describe("every operation of the spec", () => {
  it("has a handler in the fake", () => {
    const handlers = createOperations({
      store: new IssueStore(),
      spec: compileSpec(),
      now: () => new Date(),
      maxPageSize: () => 100,
    });
    const unhandled = operations.filter(({ operationId }) => !Object.hasOwn(handlers, operationId));
    expect(
      unhandled.map(
        (operation) => `${named(operation)}: the fake has no handler: add one in src/testing/operations.ts`,
      ),
    ).toEqual([]);
  });

  it("is called by a method of the client, or listed in raw's documentation as called through raw", async () => {
    const client = createIssuesClient({
      baseUrl,
      token: "coverage-token",
      organisationId: ORG,
      retry: false,
    });
    const untested = Object.keys(client).filter(
      (key) => typeof client[key as keyof IssuesClient] === "function" && !(key in CALLS),
    );
    expect(
      untested.map((key) => `client method ${key}: call it in CALLS in test/spec/operation-coverage.test.ts`),
    ).toEqual([]);

    const called = await operationsCalled(client);
    const documented = listedThroughRaw(await readText("src/client.ts"));
    expect(documented, `src/client.ts: raw's documentation must say "${THROUGH_RAW} …"`).toBeDefined();
    const throughRaw = documented ?? [];
    const problems = [
      ...operations
        .filter(({ operationId }) => !called.has(operationId) && !throughRaw.includes(operationId))
        .map(
          (operation) =>
            `${named(operation)}: no method of the client calls it: add one to IssuesClient in src/client.ts ` +
            `(validateResponses in src/validate/index.ts then fails to compile until it checks the new method), ` +
            `or add \`${operation.operationId}\` after "${THROUGH_RAW}" in raw's documentation in src/client.ts and in README`,
        ),
      ...throughRaw
        .filter((operationId) => called.has(operationId))
        .map(
          (operationId) =>
            `${operationId} is listed as called through raw only, but ${called.get(operationId)!.join(", ")} call it: remove it from the list in src/client.ts and README`,
        ),
      ...throughRaw
        .filter((listed) => !operations.some(({ operationId }) => operationId === listed))
        .map(
          (listed) =>
            `${listed} is listed as called through raw, but the spec has no such operation: remove it from src/client.ts and README`,
        ),
    ];
    expect(problems).toEqual([]);
  });

  const readme = listedThroughRaw(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
  it.skipIf(readme === undefined)(
    "is listed in README as called through raw as in src/client.ts",
    async () => {
      expect(readme, `README's "${THROUGH_RAW}" list must match src/client.ts's`).toEqual(
        listedThroughRaw(await readText("src/client.ts")),
      );
    },
  );
});
