/**
 * The events of a request's life in the fake, after MSW's lifecycle events
 * (`server.events.on("request:start", …)`): a test waits on one instead of sleeping to prove that
 * something has, or has not, happened yet.
 */

/** Each event the fake emits, and what it carries. */
export interface FakeIssuesEventMap {
  /**
   * A request has arrived: it is in `requests` and has taken its pending fault, delay or drop,
   * while its body may still be arriving. Its body belongs to the fake: do not read it.
   */
  "request:start": { request: Request };
  /**
   * The fake has finished with a request: the issues have changed as it asked, and its answer,
   * of this `status`, is decided. A response held back by `delayNext`, or dropped, is yet to go.
   */
  "request:end": { request: Request; status: number };
}

export type FakeIssuesEventType = keyof FakeIssuesEventMap;
export type FakeIssuesListener<Type extends FakeIssuesEventType> = (event: FakeIssuesEventMap[Type]) => void;

/**
 * A fake's events. A listener runs synchronously, as the request passes that point; what it
 * throws does not change the answer, and is thrown again on its own, where the test sees it.
 *
 * @example
 * const arrived = fake.events.waitFor("request:start"); // before the request is sent
 * const pending = issues.list();
 * await arrived; // the request is in fake.requests, its answer still to come
 */
export interface FakeIssuesEvents {
  on<Type extends FakeIssuesEventType>(type: Type, listener: FakeIssuesListener<Type>): void;
  off<Type extends FakeIssuesEventType>(type: Type, listener: FakeIssuesListener<Type>): void;
  /**
   * The next event of `type` that `filter` accepts (any, without one), as a promise. Ask before
   * sending the request: an event is not kept for a listener that comes later.
   */
  waitFor<Type extends FakeIssuesEventType>(
    type: Type,
    filter?: (event: FakeIssuesEventMap[Type]) => boolean,
  ): Promise<FakeIssuesEventMap[Type]>;
}

export class FakeEventEmitter implements FakeIssuesEvents {
  readonly #listeners = new Map<FakeIssuesEventType, Set<FakeIssuesListener<never>>>();

  on<Type extends FakeIssuesEventType>(type: Type, listener: FakeIssuesListener<Type>): void {
    const listeners = this.#listeners.get(type) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(type, listeners);
  }

  off<Type extends FakeIssuesEventType>(type: Type, listener: FakeIssuesListener<Type>): void {
    this.#listeners.get(type)?.delete(listener);
  }

  waitFor<Type extends FakeIssuesEventType>(
    type: Type,
    filter: (event: FakeIssuesEventMap[Type]) => boolean = () => true,
  ): Promise<FakeIssuesEventMap[Type]> {
    return new Promise((resolve) => {
      const listener = (event: FakeIssuesEventMap[Type]) => {
        if (!filter(event)) return;
        this.off(type, listener);
        resolve(event);
      };
      this.on(type, listener);
    });
  }

  emit<Type extends FakeIssuesEventType>(type: Type, event: FakeIssuesEventMap[Type]): void {
    // A copy: a listener may remove itself, or add another, as it runs.
    for (const listener of [...(this.#listeners.get(type) ?? [])] as FakeIssuesListener<Type>[]) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
