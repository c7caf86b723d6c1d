/**
 * One code sample of the docs page: how to call one operation in one form. The page shows it
 * in the operation's `x-codeSamples`; the test suite runs it (test/docs/samples-run.test.ts).
 */

/** The three forms of every operation's sample. */
export type SampleForm = "curl" | "client" | "openapi-fetch";

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
   * The base URL the sample calls: the spec's first server. Whoever runs the sample against
   * another server (the fake) puts that server's URL in its place.
   */
  server: string;
  /** The status of the operation's success response, which the sample's call should get. */
  expectedStatus: number;
}
