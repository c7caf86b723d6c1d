/**
 * The faults a test has asked for and not yet seen: errors instead of answers (`failNext`),
 * answers held back (`delayNext`) and answers dropped (`dropNextResponse`). Each belongs to the
 * next request to arrive, so the fake takes them when a request arrives, before anything is
 * awaited: two requests in flight get them in their order of arrival.
 */
import type { CompiledSpec, Match } from "../spec/index.js";
import { checkFault, type FaultTarget, type InjectedError } from "./faults.js";
import { checkRecord, MAX_DELAY_MS, misuse, shown } from "./misuse.js";

interface Fault {
  remaining: number; // Infinity for "always"
  response: InjectedError;
  operation: string | undefined;
}

/** What one request gets of the pending faults. */
export interface TakenFaults {
  /** The error to answer with instead of processing the request. */
  fault: InjectedError | undefined;
  /** How long to hold the answer back, in ms. */
  delayMs: number;
  /** Whether to drop the answer, as a reset connection. */
  drop: boolean;
}

export class FaultQueue {
  readonly #spec: CompiledSpec;
  #faults: Fault[] = [];
  #delays: number[] = [];
  #drops = 0;

  constructor(spec: CompiledSpec) {
    this.#spec = spec;
  }

  failNext(count: number | "always", response: InjectedError, given: FaultTarget | undefined): void {
    const remaining = checkFault(count, response, this.#spec.checkError);
    const target = checkRecord(given, "failNext's target");
    if (target.operation !== undefined && typeof target.operation !== "string") {
      misuse(`failNext's target operation must be a string, not ${shown(target.operation)}`);
    }
    if (target.operation !== undefined && !this.#spec.findOperation(target.operation)) {
      misuse(
        `failNext's target ${JSON.stringify(target.operation)} is no operation of the spec: ` +
          "give an operationId, such as ListIssues, or a method and path, such as GET /o/{organisation_id}/issues",
      );
    }
    this.#faults.push({ remaining, response: { ...response }, operation: target.operation });
  }

  delayNext(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) {
      misuse(`delayNext needs a delay from 0 to ${MAX_DELAY_MS} ms, not ${shown(ms)}`);
    }
    this.#delays.push(ms);
  }

  dropNextResponse(): void {
    this.#drops++;
  }

  /** The faults for a request to `match`, counted down. */
  take(method: string, match: Match): TakenFaults {
    const operation = "operation" in match ? match.operation : undefined;
    const applies = (fault: Fault) =>
      fault.operation === undefined ||
      fault.operation === operation?.operationId ||
      fault.operation === (operation && `${method} ${operation.pathTemplate}`);
    const fault = this.#faults.find(applies);
    if (fault) {
      fault.remaining--;
      if (fault.remaining <= 0) this.#faults = this.#faults.filter((other) => other !== fault);
    }
    const drop = this.#drops > 0;
    if (drop) this.#drops--;
    return { fault: fault?.response, delayMs: this.#delays.shift() ?? 0, drop };
  }

  clear(): void {
    this.#faults = [];
    this.#delays = [];
    this.#drops = 0;
  }
}
