/**
 * The fake Issues API's core: it turns a `Request` into a `Response`, the shape of a fetch
 * handler, holding the issues, the spec's validation, the paging and the injected faults. It uses
 * only web-standard APIs, so that the adapters (an in-process `fetch`, a Node HTTP server, a CLI)
 * share one behaviour.
 */
import type { CreateIssue, ErrorField, Issue, operations, UpdateIssue } from "../../generated/issues.js";
import { carriesToken, checkToken, randomToken } from "./auth.js";
import { checkFault, type FaultTarget, type InjectedError, injectedReply } from "./faults.js";
import { checkInteger, checkPageSize, checkRecord, isRecord, MAX_DELAY_MS, misuse, shown } from "./misuse.js";
import { DEFAULT_MAX_BODY_BYTES, readBody } from "./request-body.js";
import { type Changes, IssueStore, keyOf, type Key, type SeedIssue } from "./store.js";
import { compileSpec, type Match, type Operation, type ParsedRequest } from "../spec/index.js";

export type { FaultTarget, InjectedError } from "./faults.js";
export type { SeedIssue } from "./store.js";

export interface FakeIssuesOptions {
  /**
   * The bearer token (or `cookie` cookie) the fake accepts: a non-empty string of visible ASCII,
   * which a header and a cookie can carry. Default: a random one.
   */
  token?: string;
  /** The most issues one list response holds, whatever `first` asks for: an integer ≥ 1. Default 100. */
  maxPageSize?: number;
  /**
   * The largest request body the fake reads, in bytes: an integer ≥ 1. A larger one is answered
   * 413 `content_too_large` without being buffered (by its Content-Length when it has one), even
   * when a fault is pending; the fault counts it all the same. Default 1 MiB.
   */
  maxBodyBytes?: number;
  /** The clock for `createdAt`, `lastSeenAt` and `resolvedAt`. Default: `() => new Date()`. */
  now?: () => Date;
}

export interface RecordedRequest {
  method: string;
  /** The request target: path and query string. */
  path: string;
  /** The status sent, or 0 while the response is held back or when it was dropped. */
  status: number;
}

export interface FakeIssues {
  /** The base URL to give the client with `fetch`: no server listens there. */
  readonly url: string;
  readonly token: string;
  /** The most issues one list response holds: an integer ≥ 1. It may be changed between requests. */
  maxPageSize: number;
  /**
   * A `fetch` that answers from this fake, with no socket: pass it to `createIssuesClient` with
   * `baseUrl: fake.url`. A dropped response rejects as a reset connection would.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Answers one request; resolves with undefined when the response is to be dropped. */
  handle(request: Request): Promise<Response | undefined>;
  /** Copies of the stored issues, in creation order, optionally of one organisation only. */
  issues(organisationId?: string): Issue[];
  /**
   * Stores issues directly, with a create's defaults for missing fields. Throws a TypeError
   * naming the issue and the field when one breaks the spec, storing none of them.
   */
  seed(issues: SeedIssue[]): Issue[];
  /** The most recent 10,000 requests, oldest first. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /**
   * The next `count` requests (a positive integer, or "always" until `reset`), of `target`'s
   * operation only when given, get this error response without being processed.
   */
  failNext(count: number | "always", response: InjectedError, target?: FaultTarget): void;
  /** The next request is processed, then its response is held back for `ms` milliseconds. */
  delayNext(ms: number): void;
  /** The next request is processed fully, then its response is dropped, as a reset connection. */
  dropNextResponse(): void;
  /** Forgets the issues, the pending faults and the request log. */
  reset(): void;
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

interface Fault {
  remaining: number; // Infinity for "always"
  response: InjectedError;
  operation: string | undefined;
}

const REQUEST_LOG_LIMIT = 10_000;

const errorReply = (status: number, code: string, message: string, extra: object = {}): Reply => ({
  status,
  body: { code, message, ...extra },
});

const tooLarge = (limit: number) =>
  errorReply(
    413,
    "content_too_large",
    `the request body is over the fake's limit of ${limit} bytes (maxBodyBytes)`,
  );

const validationFailed = (fields: ErrorField[]) =>
  errorReply(400, "validation_failed", `the request is invalid: ${fields.map((f) => f.field).join(", ")}`, {
    fields,
  });

export function createFakeIssues(settings?: FakeIssuesOptions): FakeIssues {
  const options = checkRecord(settings, "createFakeIssues's options");
  const token = options.token === undefined ? randomToken() : checkToken(options.token);
  const now = options.now ?? (() => new Date());
  if (typeof now !== "function") misuse(`now must be a function that returns a Date, not ${shown(now)}`);
  let maxPageSize = checkPageSize(options.maxPageSize ?? 100);
  const maxBodyBytes = checkInteger("maxBodyBytes", options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 1);
  const spec = compileSpec();
  const store = new IssueStore();
  const log: RecordedRequest[] = [];
  let faults: Fault[] = [];
  const delays: number[] = [];
  let drops = 0;

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

  /**
   * Why a change would leave an issue inconsistent, as the fields to report; none when it would
   * not. Only a resolved issue has a resolution (`resolutionStatus`, a `resolvedAt`), and a
   * resolved issue has a `resolvedAt`. `status` is the status the issue has after the change.
   */
  function resolutionProblems(status: string | undefined, changes: Changes): ErrorField[] {
    if (status === "resolved") {
      return changes.resolvedAt === null
        ? [{ field: "resolvedAt", message: "cannot be null on a resolved issue" }]
        : [];
    }
    const message = "is only for a resolved issue: send status resolved with it";
    return [
      ...(changes.resolutionStatus === undefined ? [] : [{ field: "resolutionStatus", message }]),
      ...(changes.resolvedAt === undefined || changes.resolvedAt === null
        ? []
        : [{ field: "resolvedAt", message }]),
    ];
  }

  /**
   * The rules the fake follows where the API is silent: resolving sets `resolvedAt` (unless the
   * update gives it) and a `resolutionStatus` of `resolved` (unless given); any other status
   * clears both, so an issue is never open with a resolution.
   */
  function consistentStatus(changes: UpdateIssue): Changes {
    if (changes.status === undefined) return changes;
    if (changes.status === "resolved") {
      return { resolvedAt: now().toISOString(), resolutionStatus: "resolved", ...changes };
    }
    return { ...changes, resolvedAt: null, resolutionStatus: undefined };
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
      const organisationId = params.organisation_id as string;
      const issueId = params.issue_id as string;
      const current = store.find(organisationId, issueId);
      if (!current) return errorReply(404, "not_found", "issue does not exist");
      const changes = body as UpdateIssue;
      const problems = resolutionProblems(changes.status ?? current.status, changes);
      if (problems.length > 0) return validationFailed(problems);
      return { status: 200, body: store.update(organisationId, issueId, consistentStatus(changes)) };
    },
  };

  function dispatch(request: Request, url: URL, match: Match, text: string): Reply {
    const { method } = request;
    if ("status" in match) {
      if (match.status === 404) return errorReply(404, "not_found", `no route for ${method} ${url.pathname}`);
      const reply = errorReply(405, "method_not_allowed", `${method} is not allowed; use ${match.allow}`);
      return { ...reply, headers: { allow: match.allow } };
    }
    if (!carriesToken(request, token)) {
      const reply = errorReply(401, "unauthorized", "a valid bearer token or session cookie is required");
      return { ...reply, headers: { "www-authenticate": "Bearer" } };
    }
    const parsed = match.operation.parseRequest({
      params: match.params,
      search: url.searchParams,
      contentType: request.headers.get("content-type") ?? undefined,
      text,
    });
    if ("fields" in parsed) return validationFailed(parsed.fields);
    const handler = handlers[match.operation.operationId];
    if (!handler) throw new Error(`no handler for ${match.operation.operationId}`);
    return handler(parsed);
  }

  /** Lets a reply through only if the spec allows it; otherwise a 500 that makes the test fail loudly. */
  function conform(reply: Reply, operation: Operation | undefined, fault: boolean): Reply {
    if (fault) return reply; // a test asked for exactly this answer
    const sent: unknown = JSON.parse(JSON.stringify(reply.body)); // what the client will see
    const problem = operation ? operation.checkResponse(reply.status, sent) : spec.checkError(sent);
    if (problem === undefined) return reply;
    const message = `the fake server's ${reply.status} response does not match the spec`;
    return errorReply(500, "fake_server_bug", message, { details: problem });
  }

  /** The pending fault for a request to `match`, counted down, if one applies. */
  function takeFault(method: string, match: Match): InjectedError | undefined {
    const operation = "operation" in match ? match.operation : undefined;
    const applies = (fault: Fault) =>
      fault.operation === undefined ||
      fault.operation === operation?.operationId ||
      fault.operation === (operation && `${method} ${operation.pathTemplate}`);
    const fault = faults.find(applies);
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) faults = faults.filter((other) => other !== fault);
    return fault.response;
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    const entry: RecordedRequest = { method: request.method, path: url.pathname + url.search, status: 0 };
    if (log.length >= REQUEST_LOG_LIMIT) log.shift();
    log.push(entry);
    // Faults belong to the next request to arrive, so they are taken before anything is awaited.
    const match = spec.match(request.method, url.pathname);
    const fault = takeFault(request.method, match);
    const delay = delays.shift() ?? 0;
    const drop = drops > 0;
    if (drop) drops--;

    let reply: Reply;
    try {
      const text = await readBody(request, maxBodyBytes);
      // Too large for any operation, so only the Error schema can judge the answer.
      if (text === undefined) reply = conform(tooLarge(maxBodyBytes), undefined, false);
      else
        reply = conform(
          fault ? injectedReply(fault) : dispatch(request, url, match, text),
          "operation" in match ? match.operation : undefined,
          fault !== undefined,
        );
    } catch (error) {
      // Say what failed, but never send a stack trace.
      const details = error instanceof Error ? error.message : String(error);
      reply = errorReply(500, "internal_error", "the fake server failed unexpectedly", { details });
    }
    if (delay > 0) await wait(delay, request.signal);
    if (drop) return undefined;
    entry.status = reply.status;
    return Response.json(reply.body, { status: reply.status, headers: reply.headers ?? {} });
  }

  const fake: FakeIssues = {
    url: "https://fake-issues.invalid",
    token,
    get maxPageSize() {
      return maxPageSize;
    },
    set maxPageSize(value) {
      maxPageSize = checkPageSize(value);
    },
    handle,
    async fetch(input, init) {
      const request = new Request(input, init);
      request.signal.throwIfAborted();
      const response = await handle(request);
      request.signal.throwIfAborted(); // the client gave up meanwhile: it gets no answer
      if (!response) throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      return response;
    },
    issues: (organisationId) => store.all(organisationId),
    seed(issues) {
      if (!Array.isArray(issues)) misuse(`seed needs an array of issues, not ${shown(issues)}`);
      // A resolved issue gets the same resolution a PATCH would give it, unless the seed says.
      const resolved = (fields: SeedIssue, index: number): SeedIssue => {
        if (!isRecord(fields)) misuse(`seed: issue ${index} must be an object, not ${shown(fields)}`);
        return fields.status === "resolved"
          ? { resolvedAt: now().toISOString(), resolutionStatus: "resolved", ...fields }
          : fields;
      };
      const built = issues.map((fields, index) => store.build(resolved(fields, index), now()));
      const ids = new Set<string>();
      built.forEach((issue, index) => {
        const which = `seed: issue ${index} (${issue.id})`;
        const problem = spec.checkIssue(issue);
        if (problem) misuse(`${which} breaks the spec: ${problem}`);
        const [inconsistent] = resolutionProblems(issue.status, issue);
        if (inconsistent) misuse(`${which}: ${inconsistent.field} ${inconsistent.message}`);
        if (ids.has(issue.id) || store.has(issue.id))
          misuse(`${which}: an issue with this ID already exists`);
        ids.add(issue.id);
      });
      return built.map((issue) => store.add(issue));
    },
    requests: log,
    failNext(count, response, given) {
      const remaining = checkFault(count, response, spec.checkError);
      const target = checkRecord(given, "failNext's target");
      if (target.operation !== undefined && typeof target.operation !== "string") {
        misuse(`failNext's target operation must be a string, not ${shown(target.operation)}`);
      }
      if (target.operation !== undefined && !spec.findOperation(target.operation)) {
        misuse(
          `failNext's target ${JSON.stringify(target.operation)} is no operation of the spec: ` +
            "give an operationId, such as ListIssues, or a method and path, such as GET /o/{organisation_id}/issues",
        );
      }
      faults.push({ remaining, response: { ...response }, operation: target.operation });
    },
    delayNext(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) {
        misuse(`delayNext needs a delay from 0 to ${MAX_DELAY_MS} ms, not ${shown(ms)}`);
      }
      delays.push(ms);
    },
    dropNextResponse() {
      drops++;
    },
    reset() {
      store.clear();
      faults = [];
      delays.length = 0;
      drops = 0;
      log.length = 0;
    },
  };
  return fake;
}

/** Waits `ms`, or until `signal` aborts (the client gave up): then it rejects with the reason. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
