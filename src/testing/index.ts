/**
 * A fake Versori Issues API for tests, with one behaviour everywhere: every request and every
 * response checked against the bundled spec, issues kept in memory, faults injected on demand.
 *
 * - `createFakeIssues()`: the core, a fetch handler; its `fetch` serves a client in the same
 *   process with no socket.
 * - `startFakeIssuesServer()`: the same over HTTP, with CORS for browsers.
 * - the `versori-issues-fake` command: the server in a process of its own.
 */
export { createFakeIssues } from "./fake.js";
export type {
  FakeIssues,
  FakeIssuesEventMap,
  FakeIssuesEvents,
  FakeIssuesEventType,
  FakeIssuesListener,
  FakeIssuesOptions,
  FaultTarget,
  InjectedError,
  RecordedRequest,
  SeedIssue,
  UncheckedAnswer,
} from "./fake.js";
export { startFakeIssuesServer } from "./http-server.js";
export type { FakeIssuesServer, FakeIssuesServerOptions } from "./http-server.js";
