/**
 * The handlers match a request by its URL as the WHATWG URL parser writes it, as the client sends
 * it: a base URL spelt with a default port, capitals or a trailing slash is still answered from
 * the fake, instead of passing the request, token and all, on to the real host.
 */
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { createIssuesClient } from "../../src/index.ts";
import { createIssuesHandlers } from "../../src/msw/index.ts";
import { createFakeIssues } from "../../src/testing/index.ts";
import { ORG } from "../support/fixtures.ts";

let close: (() => void) | undefined;
/** The URL of every request no handler matched, which MSW's default ("warn") would have sent on. */
const unhandled: string[] = [];
afterEach(() => {
  close?.();
  close = undefined;
  unhandled.length = 0;
});

/** MSW intercepting with the handlers for `handlersBase`, refusing anything they do not match. */
function intercept(handlersBase: string) {
  const fake = createFakeIssues();
  const server = setupServer(...createIssuesHandlers(fake, { baseUrl: handlersBase }));
  // As "error" does, a request the handlers miss fails here rather than going out to the network.
  server.listen({
    onUnhandledRequest: (request) => {
      unhandled.push(request.url);
      throw new Error(`unhandled: ${request.url}`);
    },
  });
  close = () => server.close();
  return fake;
}

const clientOf = (baseUrl: string, token: string) =>
  createIssuesClient({ baseUrl, token, organisationId: ORG, retry: false });

describe("createIssuesHandlers matches the URL the client sends", () => {
  it.each([
    "http://127.0.0.1:80/api",
    "http://LOCALHOST/api",
    "HTTP://localhost/api/",
    "https://Platform.Versori.com:443/api/v2//",
    "http://localhost/a/../api",
  ])("with the baseUrl %s", async (baseUrl) => {
    const fake = intercept(baseUrl);
    expect(await clientOf(baseUrl, fake.token).list()).toEqual([]);
    expect(fake.requests.map((request) => request.path)).toEqual([`/o/${ORG}/issues`]);
    expect(unhandled).toEqual([]);
  });

  it("and a client whose baseUrl is spelt otherwise but means the same URL", async () => {
    const fake = intercept("http://LocalHost:80/api/");
    expect(await clientOf("http://localhost/api", fake.token).list()).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it.each(["http://localhost/apix", "http://localhost:8080/api", "https://localhost/api"])(
    "but not one below another base, such as %s",
    async (other) => {
      const fake = intercept("http://localhost/api");
      await expect(clientOf(other, fake.token).list()).rejects.toThrow("unhandled");
      expect(fake.requests).toHaveLength(0);
      expect(unhandled).toEqual([`${new URL(other).href}/o/${ORG}/issues`]);
    },
  );

  it.each(["not a url", "ftp://localhost/api", "/api/v2"])(
    "refuses the baseUrl %j with a TypeError that names it",
    (baseUrl) => {
      expect(() => createIssuesHandlers(createFakeIssues(), { baseUrl })).toThrow(
        new TypeError(`versori-issues-api/msw: baseUrl must be an http or https URL, not ${baseUrl}`),
      );
    },
  );
});
