/**
 * The fake Issues API's core: it turns a `Request` into a `Response`, the shape of a fetch
 * handler. It uses only web-standard APIs, so that the adapters (an in-process `fetch`, a Node
 * HTTP server, MSW handlers, a CLI) share one behaviour. This file puts the parts together: the
 * spec engine, the store, the operations and their rules, the faults, the log.
 */
import type { Issue } from "../../generated/issues.js";
import { delay } from "../http/delay.js";
import { document as specDocument } from "../spec/document.js";
import { compileSpec, type Match } from "../spec/index.js";
import { conform } from "./conform.js";
import { createDispatch } from "./dispatch.js";
import { FakeEventEmitter, type FakeIssuesEvents } from "./events.js";
import { inProcessFetch } from "./fetch-adapter.js";
import { FaultQueue } from "./fault-queue.js";
import type { FaultTarget, InjectedError, UncheckedAnswer } from "./faults.js";
import { checkPageSize } from "./misuse.js";
import { checkSpecCoverage, createOperations } from "./operations.js";
import { checkFakeOptions, type FakeIssuesOptions } from "./options.js";
import { errorReply, type Reply, toResponse, tooLarge } from "./replies.js";
import { readBody } from "./request-body.js";
import { type RecordedRequest, RequestLog } from "./request-log.js";
import { seedIssues } from "./seed.js";
import { IssueStore, type SeedIssue } from "./store.js";

export type {
  FakeIssuesEventMap,
  FakeIssuesEvents,
  FakeIssuesEventType,
  FakeIssuesListener,
} from "./events.js";
export type { FaultTarget, InjectedError, UncheckedAnswer } from "./faults.js";
export type { FakeIssuesOptions } from "./options.js";
export type { RecordedRequest } from "./request-log.js";
export type { SeedIssue } from "./store.js";

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
   * What happens to each request, as it happens, after MSW's lifecycle events: `request:start`
   * when it arrives (it is in `requests`), `request:end` when its answer is decided. A test
   * waits on one rather than sleeping: that a second request arrived while the first was held
   * back, or, once a later request has arrived, that nothing arrived before it. For any adapter:
   * the in-process `fetch`, the HTTP server and the MSW handlers.
   *
   * @example
   * const arrived = fake.events.waitFor("request:start");
   * void issues.list();
   * await arrived;
   * expect(fake.requests).toHaveLength(1); // this request, and nothing before it
   */
  readonly events: FakeIssuesEvents;
  /**
   * The next `count` requests (a positive integer, or "always" until `reset`), of `target`'s
   * operation only when given, get this error response without being processed.
   */
  failNext(count: number | "always", response: InjectedError, target?: FaultTarget): void;
  /**
   * The next request (of `target`'s operation only, when given) gets `answer` exactly as given,
   * without being processed and without the check against the spec that every other answer gets.
   * It is for testing consumer code against answers the spec forbids: a severity the types lack,
   * a missing field. Its entry in `requests` has `unchecked: true`; the answer after it is checked
   * again. Only what cannot be sent at all is refused: a status outside 200–599 or one with no
   * body, a body that is not JSON, a header with a line break.
   *
   * @example
   * fake.respondUncheckedNext({ status: 200, body: { ...issue, severity: "urgent" } });
   * await expect(showIssue(issue.id)).resolves.toContain("unknown severity");
   */
  respondUncheckedNext(answer: UncheckedAnswer, target?: FaultTarget): void;
  /** The next request is processed, then its response is held back for `ms` milliseconds. */
  delayNext(ms: number): void;
  /** The next request is processed fully, then its response is dropped, as a reset connection. */
  dropNextResponse(): void;
  /** Forgets the issues, the pending faults and the request log; event listeners stay. */
  reset(): void;
}

export function createFakeIssues(options?: FakeIssuesOptions): FakeIssues {
  const settings = checkFakeOptions(options);
  const { token, now, maxBodyBytes } = settings;
  let { maxPageSize } = settings;
  const spec = compileSpec();
  const store = new IssueStore();
  const log = new RequestLog();
  const faults = new FaultQueue(spec);
  const events = new FakeEventEmitter();
  const operations = createOperations({ store, spec, now, maxPageSize: () => maxPageSize });
  checkSpecCoverage(specDocument, operations);
  const dispatch = createDispatch(token, operations);

  /** The answer to a request, once its body is read: too large, the fault, or the operation's. */
  async function answer(request: Request, url: URL, match: Match, injected?: Reply): Promise<Reply> {
    const text = await readBody(request, maxBodyBytes);
    // Too large for any operation, so only the Error schema can judge the answer.
    if (text === undefined) return conform(spec, tooLarge(maxBodyBytes), undefined);
    if (injected) return injected; // a test asked for exactly this answer
    const operation = "operation" in match ? match.operation : undefined;
    return conform(spec, dispatch(request, url, match, text), operation);
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    const entry = log.record(request.method, url);
    // Faults belong to the next request to arrive, so they are taken before anything is awaited.
    const match = spec.match(request.method, url.pathname);
    const taken = faults.take(request.method, match);
    events.emit("request:start", { request });
    let reply: Reply;
    try {
      reply = await answer(request, url, match, taken.reply);
    } catch (error) {
      // Say what failed, but never send a stack trace.
      const details = error instanceof Error ? error.message : String(error);
      reply = errorReply(500, "internal_error", "the fake server failed unexpectedly", { details });
    }
    events.emit("request:end", { request, status: reply.status });
    if (taken.delayMs > 0) await delay(taken.delayMs, request.signal);
    if (taken.drop) return undefined;
    entry.status = reply.status;
    if (taken.unchecked && reply === taken.reply) entry.unchecked = true;
    return toResponse(reply);
  }

  return {
    url: "https://fake-issues.invalid",
    token,
    get maxPageSize() {
      return maxPageSize;
    },
    set maxPageSize(value) {
      maxPageSize = checkPageSize(value);
    },
    handle,
    fetch: inProcessFetch(handle),
    issues: (organisationId) => store.all(organisationId),
    seed: (issues) => seedIssues(store, spec, now, issues),
    requests: log.entries,
    events,
    failNext: (count, response, target) => faults.failNext(count, response, target),
    respondUncheckedNext: (answer, target) => faults.respondUncheckedNext(answer, target),
    delayNext: (ms) => faults.delayNext(ms),
    dropNextResponse: () => faults.dropNextResponse(),
    reset() {
      store.clear();
      faults.clear();
      log.clear();
    },
  };
}
