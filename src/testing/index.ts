/**
 * A fake Versori Issues API for tests: a real HTTP server on 127.0.0.1 that keeps issues in memory,
 * checks every request and every response against the bundled spec, and injects faults on demand.
 */
import { randomBytes } from "node:crypto";
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CreateIssue, ErrorField, Issue, operations, UpdateIssue } from "../../generated/issues.js";
import { IssueStore, keyOf, type Key, type SeedIssue } from "./store.js";
import { compileSpec, type Match, type Operation, type ParsedRequest } from "./validation.js";

export type { SeedIssue } from "./store.js";

export interface FakeIssuesServerOptions {
  /** The bearer token (or `cookie` cookie) the server accepts. Default: a random one. */
  token?: string;
  /** The port to listen on. Default: 0, a free port chosen by the system. */
  port?: number;
  /** The most issues one list response holds, whatever `first` asks for. Default: 100. */
  maxPageSize?: number;
  /** The clock for `createdAt` and `lastSeenAt`. Default: `() => new Date()`. */
  now?: () => Date;
}

/** An error response to send instead of processing a request. */
export interface InjectedError {
  status: number;
  /** Sent as the `Retry-After` header (RFC 9110 §10.2.3): seconds, or an HTTP date. */
  retryAfter?: string | number;
  /** The Error body's `code`. Default: the status text in snake case, such as `too_many_requests`. */
  code?: string;
  message?: string;
}

export interface RecordedRequest {
  method: string;
  /** The request target: path and query string. */
  path: string;
  /** The status sent, or 0 while the response is held back or when it was dropped. */
  status: number;
}

export interface FakeIssuesServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash: the client's `baseUrl`. */
  readonly url: string;
  readonly token: string;
  /** The most issues one list response holds. It may be changed between requests. */
  maxPageSize: number;
  /** Copies of the stored issues, in creation order, optionally of one organisation only. */
  issues(organisationId?: string): Issue[];
  /** Stores issues directly, unvalidated, with a create's defaults for missing fields. */
  seed(issues: SeedIssue[]): Issue[];
  /** The most recent 10,000 requests, oldest first. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** The next `count` requests get this error response without being processed. */
  failNext(count: number, response: InjectedError): void;
  /** The next request is processed, then its response is held back for `ms` milliseconds. */
  delayNext(ms: number): void;
  /** The next request is processed fully, then its connection is destroyed without a response. */
  dropNextResponse(): void;
  /** Forgets the issues, the pending faults and the request log. */
  reset(): void;
  /** Stops listening and destroys open connections, including held-back responses. */
  close(): Promise<void>;
}

/** ListIssues' query once parsed: the spec's defaults fill in `first` and `search_date`. */
type ListIssuesQuery = NonNullable<operations["ListIssues"]["parameters"]["query"]> & {
  first: number;
  search_date: "createdAt" | "lastSeenAt";
};

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const REQUEST_LOG_LIMIT = 10_000;

const errorReply = (status: number, code: string, message: string, extra: object = {}): Reply => ({
  status,
  body: { code, message, ...extra },
});

const validationFailed = (fields: ErrorField[]) =>
  errorReply(400, "validation_failed", `the request is invalid: ${fields.map((f) => f.field).join(", ")}`, {
    fields,
  });

/**
 * Starts a fake Issues API on 127.0.0.1. Point the client at `url` with `token`.
 *
 * @example
 * const server = await startFakeIssuesServer();
 * const client = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });
 * server.failNext(1, { status: 429, retryAfter: 1 });
 * // … exercise the client …
 * await server.close();
 */
export async function startFakeIssuesServer(
  options: FakeIssuesServerOptions = {},
): Promise<FakeIssuesServer> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  const now = options.now ?? (() => new Date());
  let maxPageSize = options.maxPageSize ?? 100;
  const spec = compileSpec();
  const store = new IssueStore();
  const log: RecordedRequest[] = [];
  const failures: InjectedError[] = [];
  const delays: number[] = [];
  let drops = 0;
  const timers = new Set<NodeJS.Timeout>();

  function authorised(request: IncomingMessage): boolean {
    // The auth scheme is case-insensitive (RFC 9110 §11.1).
    const bearer = /^bearer +(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const cookie = request.headers.cookie
      ?.split(";")
      .map((pair) => pair.trim())
      .find((pair) => pair.startsWith("cookie="))
      ?.slice("cookie=".length);
    return bearer === token || cookie === token;
  }

  function listIssues(organisationId: string, query: ListIssuesQuery): Reply {
    const fields: ErrorField[] = [];
    const bound = (name: "after" | "before"): Key | undefined => {
      const value = query[name];
      if (value === undefined) return undefined;
      if (spec.isUlid(value)) {
        const issue = store.find(organisationId, value);
        if (issue) return keyOf(issue, query.search_date);
        fields.push({ field: name, message: "must be the ID of an issue in this organisation" });
      } else if (spec.isDateTime(value) && !Number.isNaN(Date.parse(value))) {
        // "~" sorts after every ULID and "" before, so issues at exactly this instant fall outside.
        return { time: Date.parse(value), id: name === "after" ? "~" : "" };
      } else {
        fields.push({ field: name, message: "must be an issue ID or an RFC 3339 timestamp" });
      }
      return undefined;
    };
    const after = bound("after");
    const before = bound("before");
    if (fields.length > 0) return validationFailed(fields);
    const issues = store.list(organisationId, {
      searchDate: query.search_date,
      status: query.status,
      severity: query.severity,
      projectId: query.project_id,
      environmentId: query.environment_id,
      after,
      before,
      limit: Math.min(query.first, maxPageSize),
    });
    return { status: 200, body: issues };
  }

  // Path parameters and query defaults are guaranteed by the spec once a request has been parsed.
  const handlers: Record<string, (request: ParsedRequest) => Reply> = {
    ListIssues: ({ params, query }) => listIssues(params.organisation_id as string, query as ListIssuesQuery),
    CreateIssue: ({ params, body }) => {
      const fields = body as CreateIssue;
      if (fields.organisationId !== params.organisation_id) {
        return validationFailed([
          { field: "organisationId", message: "must equal the organisation_id in the path" },
        ]);
      }
      return { status: 201, body: store.insert(fields, now()) };
    },
    UpdateIssue: ({ params, body }) => {
      const issue = store.update(
        params.organisation_id as string,
        params.issue_id as string,
        body as UpdateIssue,
      );
      return issue ? { status: 200, body: issue } : errorReply(404, "not_found", "issue does not exist");
    },
  };

  function dispatch(request: IncomingMessage, url: URL, match: Match, text: string): Reply {
    const method = request.method ?? "";
    if ("status" in match) {
      if (match.status === 404) return errorReply(404, "not_found", `no route for ${method} ${url.pathname}`);
      const reply = errorReply(405, "method_not_allowed", `${method} is not allowed; use ${match.allow}`);
      return { ...reply, headers: { allow: match.allow } };
    }
    if (!authorised(request)) {
      const reply = errorReply(401, "unauthorized", "a valid bearer token or session cookie is required");
      return { ...reply, headers: { "www-authenticate": "Bearer" } };
    }
    const parsed = match.operation.parseRequest({
      params: match.params,
      search: url.searchParams,
      contentType: request.headers["content-type"],
      text,
    });
    if ("fields" in parsed) return validationFailed(parsed.fields);
    const handler = handlers[match.operation.operationId];
    if (!handler) throw new Error(`no handler for ${match.operation.operationId}`);
    return handler(parsed);
  }

  function injected({ status, retryAfter, code, message }: InjectedError): Reply {
    const reason = STATUS_CODES[status] ?? "Error";
    const reply = errorReply(status, code ?? reason.toLowerCase().replace(/\W+/g, "_"), message ?? reason);
    return retryAfter === undefined ? reply : { ...reply, headers: { "retry-after": String(retryAfter) } };
  }

  /** Lets a reply through only if the spec allows it; otherwise a 500 that makes the test fail loudly. */
  function conform(reply: Reply, operation: Operation | undefined): Reply {
    const sent: unknown = JSON.parse(JSON.stringify(reply.body)); // what the client will see
    const problem = operation ? operation.checkResponse(reply.status, sent) : spec.checkError(sent);
    if (problem === undefined) return reply;
    const message = `the fake server's ${reply.status} response does not match the spec`;
    return errorReply(500, "fake_server_bug", message, { details: problem });
  }

  function respond(request: IncomingMessage, text: string, failure: InjectedError | undefined): Reply {
    try {
      const url = new URL(`http://127.0.0.1${request.url ?? "/"}`);
      const match = spec.match(request.method ?? "", url.pathname);
      const reply = failure ? injected(failure) : dispatch(request, url, match, text);
      return conform(reply, "operation" in match ? match.operation : undefined);
    } catch (error) {
      // Say what failed, but never send a stack trace.
      const details = error instanceof Error ? error.message : String(error);
      return errorReply(500, "internal_error", "the fake server failed unexpectedly", { details });
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const entry: RecordedRequest = { method: request.method ?? "", path: request.url ?? "", status: 0 };
    if (log.length >= REQUEST_LOG_LIMIT) log.shift();
    log.push(entry);
    // Faults belong to the next request to arrive, so they are taken before anything is awaited.
    const failure = failures.shift();
    const delay = delays.shift() ?? 0;
    const drop = drops > 0;
    if (drop) drops--;

    const reply = respond(request, Buffer.concat(await request.toArray()).toString("utf8"), failure);
    const send = () => {
      if (drop) return void response.destroy();
      const payload = JSON.stringify(reply.body);
      response.writeHead(reply.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
        ...reply.headers,
      });
      response.end(payload);
      entry.status = reply.status;
    };
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delay);
    timers.add(timer);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy()); // an aborted request
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: options.port ?? 0, backlog: 2048 }, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get maxPageSize() {
      return maxPageSize;
    },
    set maxPageSize(value) {
      maxPageSize = value;
    },
    issues: (organisationId) => store.all(organisationId),
    seed: (issues) => issues.map((issue) => store.insert(issue, now())),
    requests: log,
    failNext(count, response) {
      for (let i = 0; i < count; i++) failures.push(response);
    },
    delayNext(ms) {
      delays.push(ms);
    },
    dropNextResponse() {
      drops++;
    },
    reset() {
      store.clear();
      failures.length = 0;
      delays.length = 0;
      drops = 0;
      log.length = 0;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
