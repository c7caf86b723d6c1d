/**
 * One code sample of the docs page: how to call one operation in one form. The page shows it
 * in the operation's `x-codeSamples`; the test suite runs it (test/docs/samples-run.test.ts).
 */

/** The three forms of every operation's sample. */
export type SampleForm = "curl" | "client" | "openapi-fetch";

/** A query as sent: each parameter's value, or its values when the name is repeated. */
export type WireQuery = Record<string, string | string[]>;

export const SAMPLE_FORMS: readonly SampleForm[] = ["curl", "client", "openapi-fetch"];

export interface CodeSample {
  operationId: string;
  /** Upper case, as HTTP sends it: `GET`. */
  method: string;
  /** The operation's path template, as the spec's `paths` names it. */
  path: string;
  form: SampleForm;
  /** What `x-codeSamples` says: the language Redoc highlights it as, and the tab's label. */
  lang: "Shell" | "TypeScript";
  label: string;
  /** The sample as the page shows it, formatted with prettier. */
  source: string;
  /** The value of each path parameter in the sample, from the spec's examples. */
  pathValues: Record<string, string>;
  /**
   * The query the sample sends, as it goes on the wire: each value a string, an array's items
   * the name repeated (`first: "50"`, `status: ["open", "acked"]`). Empty when it sends none.
   */
  query: WireQuery;
  /**
   * The JSON body the sample sends, as the operation receives it, when it sends one: the example
   * value whole, even where a form's code leaves part of it to the client (the client form of
   * CreateIssue omits organisationId, which the client fills in).
   */
  body?: unknown;
  /**
   * The base URL the sample calls: the spec's first server. Whoever runs the sample against
   * another server (the fake) puts that server's URL in its place.
   */
  server: string;
  /** The status of the operation's success response, which the sample's call should get. */
  expectedStatus: number;
}
