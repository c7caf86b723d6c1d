/**
 * A web app in Chromium calls the fake over HTTP from another origin: the client, bundled for the
 * browser, goes through CORS preflights for its JSON bodies and Authorization header, and reads
 * the answers. Nothing leaves 127.0.0.1.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeIssuesServer, startFakeIssuesServer } from "../../src/testing/index.ts";
import { launchChromium } from "../support/browser.ts";
import { ORG, orderSync, UNKNOWN_ISSUE } from "../support/fixtures.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const PAGE = `<!DOCTYPE html>
<title>issues app</title>
<script type="module">
  import { createIssuesClient } from "./client.js";
  const params = new URLSearchParams(location.search);
  const issues = createIssuesClient({
    baseUrl: params.get("api"),
    token: params.get("token"),
    organisationId: ${JSON.stringify(ORG)},
    retry: { minDelayMs: 1, maxDelayMs: 2000 },
  });
  try {
    const created = await issues.create(${JSON.stringify(orderSync)});
    const listed = await issues.list();
    const acked = await issues.acknowledge(created.id);
    const missing = await issues.update(${JSON.stringify(UNKNOWN_ISSUE)}, { status: "acked" }).catch((error) => error);
    window.result = { created: created.status, listed: listed.length, acked: acked.status, missing: [missing.name, missing.status] };
  } catch (error) {
    window.result = { failed: String(error) };
  }
</script>`;

// The same app with the fake in the page itself, under a CSP that forbids eval and new Function.
const IN_PAGE = `<!DOCTYPE html>
<title>issues app, fake in the page</title>
<script type="module">
  import { createIssuesClient } from "./client.js";
  import { createFakeIssues } from "./fake.js";
  const fake = createFakeIssues();
  const issues = createIssuesClient({ baseUrl: fake.url, fetch: fake.fetch, token: fake.token, organisationId: ${JSON.stringify(ORG)} });
  try {
    const created = await issues.create(${JSON.stringify(orderSync)});
    const refused = await issues.list({ first: 0 }).catch((error) => error.code);
    let evalRefused = true;
    try {
      new Function("return 1")();
      evalRefused = false;
    } catch {}
    window.result = { created: created.status, listed: (await issues.list()).length, refused, evalRefused };
  } catch (error) {
    window.result = { failed: String(error) };
  }
</script>`;

// A redirect, which a browser hides from fetch: the client reports it, and follows nothing.
const REDIRECTED = `<!DOCTYPE html>
<title>issues app, redirected</title>
<script type="module">
  import { createIssuesClient } from "./client.js";
  const params = new URLSearchParams(location.search);
  const issues = createIssuesClient({ baseUrl: params.get("api"), token: params.get("token"), organisationId: ${JSON.stringify(ORG)} });
  const error = await issues.list().catch((thrown) => thrown);
  window.result = { name: error.name, status: error.status, code: error.code, location: error.location ?? null };
</script>`;

let fake: FakeIssuesServer;
/** A module of the repository, bundled for the browser, as a web app would ship it. */
async function bundleForBrowser(entry: string): Promise<string> {
  const bundle = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return bundle.outputFiles[0]!.text;
}

let app: Server;
/** Every path the app's own server was asked for. */
const appRequests: string[] = [];
let appOrigin: string;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeIssuesServer();
  const [script, core] = await Promise.all([
    bundleForBrowser("src/index.ts"),
    bundleForBrowser("src/testing/fake.ts"),
  ]);
  const files: Record<string, [string, string]> = {
    "/client.js": ["text/javascript", script],
    "/fake.js": ["text/javascript", core],
    "/in-page.html": ["text/html", IN_PAGE],
    "/redirected.html": ["text/html", REDIRECTED],
  };
  // The app's own origin: another port, so every call to the fake is cross-origin.
  app = createServer((request, response) => {
    appRequests.push(new URL(request.url ?? "/", appOrigin).pathname);
    const [type, body] = files[new URL(request.url ?? "/", appOrigin).pathname] ?? ["text/html", PAGE];
    // No 'unsafe-eval': code generation (eval, new Function) is refused, as on a strict site.
    response.writeHead(200, {
      "content-type": type,
      "content-security-policy": "script-src 'self' 'unsafe-inline'",
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await new Promise((resolve) => app?.close(resolve));
});

it("the client in a page of another origin creates, lists and acknowledges through CORS", async () => {
  const page = await browser.newPage();
  const foreign: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${appOrigin}/`) || url.startsWith(`${fake.url}/`)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(
    `${appOrigin}/?api=${encodeURIComponent(fake.url)}&token=${encodeURIComponent(fake.token)}`,
  );
  await page.waitForFunction(() => "result" in globalThis, undefined, { timeout: 20_000 });
  const result = await page.evaluate(() => (globalThis as unknown as { result: unknown }).result);

  expect(result).toEqual({ created: "open", listed: 1, acked: "acked", missing: ["IssuesApiError", 404] });
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  // The browser asked before each JSON body it sent; the fake answered without processing them.
  expect(fake.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
    "POST 201",
    "GET 200",
    "PATCH 200",
    "PATCH 404",
  ]);
  await page.close();
});

it("the fake's core runs in the page itself, under a CSP that forbids eval", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${appOrigin}/in-page.html`);
  await page.waitForFunction(() => "result" in globalThis, undefined, { timeout: 20_000 });
  const result = await page.evaluate(() => (globalThis as unknown as { result: unknown }).result);
  expect(result).toEqual({ created: "open", listed: 1, refused: "validation_failed", evalRefused: true });
  // The CSP's report of the one refused `new Function` above, and nothing else.
  expect(errors.filter((error) => !error.includes("unsafe-eval"))).toEqual([]);
  await page.close();
});

it("a redirect, whose status and location the browser hides, is an IssuesApiError that follows nothing", async () => {
  fake.reset();
  fake.failNext(1, { status: 301, headers: { location: `${appOrigin}/elsewhere` } });
  const page = await browser.newPage();
  await page.goto(
    `${appOrigin}/redirected.html?api=${encodeURIComponent(fake.url)}&token=${encodeURIComponent(fake.token)}`,
  );
  await page.waitForFunction(() => "result" in globalThis, undefined, { timeout: 20_000 });
  const result = await page.evaluate(() => (globalThis as unknown as { result: unknown }).result);
  expect(result).toEqual({ name: "IssuesApiError", status: 0, code: "redirect", location: null });
  // On the wire, that is: DevTools lists the redirect as a request, but none reached the app.
  expect(appRequests).not.toContain("/elsewhere");
  expect(fake.requests).toHaveLength(1);
  await page.close();
});
