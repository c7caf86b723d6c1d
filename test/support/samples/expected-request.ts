/**
 * What a sample's call needs from the fake and what it must leave there: the issue its path
 * names, seeded first; a last request of the operation's method and path, with the sample's
 * query, that got the status the operation's example expects; and issues that show the body
 * the sample sends (expected-outcome.ts).
 */
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import type { FakeIssues, RecordedRequest } from "../../../src/testing/index.ts";
import { outcomeProblem } from "./expected-outcome.ts";
import { sampleName } from "./names.ts";

/** Stores the issue the sample's path names, in the organisation its path names, if it names one. */
export function seedFor(fake: Pick<FakeIssues, "seed">, sample: CodeSample): void {
  const { organisation_id: organisationId, issue_id: id } = sample.pathValues;
  if (id === undefined) return;
  if (organisationId === undefined)
    throw new Error(`${sampleName(sample)} names an issue but no organisation`);
  fake.seed([
    {
      id,
      organisationId,
      environmentId: "01KJSESXM0033A0801TK9E6SS5",
      title: "Order sync failed",
      reason: "error",
    },
  ]);
}

/** The path the sample's call should send: the template with the sample's values. */
export function expectedPath(sample: CodeSample): string {
  return sample.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = sample.pathValues[name];
    if (value === undefined) throw new Error(`${sampleName(sample)} has no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

const shown = ({ method, path, status }: RecordedRequest) => `${method} ${path} answered ${status}`;

/** What the fake was sent, for a failure's message: `it sent PATCH /o/…/issues/… answered 404`. */
export const sentRequests = (requests: readonly RecordedRequest[]): string =>
  requests.length === 0 ? "it sent no request" : `it sent ${requests.map(shown).join(", ")}`;

/** A query's `name=value` pairs, sorted, and joined as a query string: the same in any order. */
function sortedQuery(query: URLSearchParams): string {
  return [...query]
    .map(([name, value]) => new URLSearchParams([[name, value]]).toString())
    .sort()
    .join("&");
}

/** The query the sample should send, as URLSearchParams: an array's items the name repeated. */
function expectedQuery(sample: CodeSample): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(sample.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
  }
  return query;
}

const queryShown = (query: string) => (query === "" ? "no query" : query);

/**
 * Why the fake does not show the sample's call ending as it should (the problem alone, without
 * the sample's name), or undefined when it does.
 */
export function requestProblem(
  sample: CodeSample,
  fake: Pick<FakeIssues, "requests" | "issues">,
): string | undefined {
  const { requests } = fake;
  const last = requests.at(-1);
  const expected = `${sample.method} ${expectedPath(sample)}`;
  if (last === undefined) return `it sent no request, not ${expected}`;
  const target = new URL(last.path, "http://target.invalid");
  if (`${last.method} ${target.pathname}` !== expected) {
    return `its last request was ${shown(last)}, not ${expected}; ${sentRequests(requests)}`;
  }
  const sentQuery = sortedQuery(target.searchParams);
  const wantedQuery = sortedQuery(expectedQuery(sample));
  if (sentQuery !== wantedQuery) {
    return `its query was ${queryShown(sentQuery)}, not ${queryShown(wantedQuery)}; ${sentRequests(requests)}`;
  }
  if (last.status !== sample.expectedStatus) return `${shown(last)}, not ${sample.expectedStatus}`;
  return outcomeProblem(sample, fake);
}
