/**
 * The modules a sample's imports resolve to when it runs against the in-process fake: the real
 * package and the real openapi-fetch, whose clients are sent to the fake. A shim reaches the fake
 * through `__sampleFake`, which run-in-process.ts hands the bundled sample as a parameter.
 */

/** The name by which a shim reaches the fake: a parameter of the function the sample runs in. */
export const FAKE_PARAMETER = "__sampleFake";

/**
 * `createIssuesClient` with the fake's base URL and fetch. A sample that names a base URL of its
 * own must name the sample's server.
 */
const clientShim = (server: string) => `
import { createIssuesClient as createRealClient } from "versori-issues-api";
export * from "versori-issues-api";
const server = ${JSON.stringify(server)};
export function createIssuesClient(options) {
  if (options?.baseUrl !== undefined && !options.baseUrl.startsWith(server)) {
    throw new Error("the sample's client calls " + options.baseUrl + ", not " + server);
  }
  return createRealClient({ ...options, baseUrl: ${FAKE_PARAMETER}.url, fetch: ${FAKE_PARAMETER}.fetch });
}
`;

/** openapi-fetch's `createClient`, its base URL's server replaced by the fake's, with the fake's fetch. */
const openapiFetchShim = (server: string) => `
import createRealClient from "openapi-fetch";
export * from "openapi-fetch";
const server = ${JSON.stringify(server)};
export default function createClient(options = {}) {
  const baseUrl = options.baseUrl ?? "";
  if (!baseUrl.startsWith(server)) {
    throw new Error("the sample's client calls " + (baseUrl || "no baseUrl") + ", not " + server);
  }
  const fakeUrl = ${FAKE_PARAMETER}.url + baseUrl.slice(server.length);
  return createRealClient({ ...options, baseUrl: fakeUrl, fetch: ${FAKE_PARAMETER}.fetch });
}
`;

/** The shim of each module a sample may import, by the name the sample imports it by. */
export const SHIMS: Record<string, (server: string) => string> = {
  "versori-issues-api": clientShim,
  "openapi-fetch": openapiFetchShim,
};
