/**
 * The faults a test has asked for and not yet seen: errors instead of answers (`failNext`),
 * answers the spec forbids (`respondUncheckedNext`), answers held back (`delayNext`) and answers
 * dropped (`dropNextResponse`). Each belongs to the
 * next request to arrive, so the fake takes them when a request arrives, before anything is
 * awaited: two requests in flight get them in their order of arrival.
 */
import type { CompiledSpec, Match } from "../spec/index.js";
import {
  checkFault,
  checkUncheckedAnswer,
  type FaultTarget,
  type InjectedError,
  injectedReply,
  type UncheckedAnswer,
} from "./faults.js";
import { checkRecord, MAX_DELAY_MS, misuse, shown } from "./misuse.js";
import type { Reply } from "./replies.js";

interface Fault {
  remaining: number; // Infinity for "always"
  reply: Reply;
  /** Whether the reply is one the spec may forbid, which the request log then says. */
  unchecked: boolean;
  operation: string | undefined;
}

/** What one request gets of the pending faults. */
export interface TakenFaults {
  /** The answer to send instead of processing the request. */
  reply: Reply | undefined;
  /** Whether that answer skips the spec's check (`respondUncheckedNext`). */
  unchecked: boolean;
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
    const operation = this.#operation(given, "failNext");
    this.#faults.push({ remaining, reply: injectedReply(response), unchecked: false, operation });
  }

  respondUncheckedNext(answer: UncheckedAnswer, given: FaultTarget | undefined): void {
    const reply = checkUncheckedAnswer(answer);
    const operation = this.#operation(given, "respondUncheckedNext");
    // In the one queue with failNext's errors, so that the two are taken in the order asked for.
    this.#faults.push({ remaining: 1, reply, unchecked: true, operation });
  }

  /** The operation a fault's target names, checked against the spec. */
  #operation(given: FaultTarget | undefined, call: string): string | undefined {
    const target = checkRecord(given, `${call}'s target`);
    if (target.operation !== undefined && typeof target.operation !== "string") {
      misuse(`${call}'s target operation must be a string, not ${shown(target.operation)}`);
    }
    if (target.operation !== undefined && !this.#spec.findOperation(target.operation)) {
      misuse(
        `${call}'s target ${JSON.stringify(target.operation)} is no operation of the spec: ` +
          "give an operationId, such as ListIssues, or a method and path, such as GET /o/{organisation_id}/issues",
      );
    }
    return target.operation;
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
    const reply = fault?.reply;
    return { reply, unchecked: fault?.unchecked ?? false, delayMs: this.#delays.shift() ?? 0, drop };
  }

  clear(): void {
    this.#faults = [];
    this.#delays = [];
    this.#drops = 0;
  }
}
