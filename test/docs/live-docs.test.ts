/**
 * The docs page as `npm run dev` serves it, in a real browser: a dev.ts process with the docs
 * on, in a temp copy of the project, and Chromium (see test/support/browser.ts) refusing every
 * request that is not to it. The page renders the live bundled spec itself, with Redoc's
 * public `init`; its routes survive a reload; and a save of the spec updates the open page in
 * place: the new text on screen, the reader's scroll position and route kept, the page not
 * reloaded. A save that fails lint leaves the page as it was. The time from the save to the
 * new text on screen is printed, not asserted: the machines that run the tests are shared.
 */
import { request } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DevProcess, startDev } from "../support/dev-process.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { freePort } from "../support/ports.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";
import { onScreen, scrollOf, untilOnScreen } from "../../tools/bench/on-screen.ts";
import { waitFor } from "../../tools/lib/wait.ts";

const SPEC = "openapi/issues.yaml";

let repo: TempRepo | undefined;
let dev: DevProcess | undefined;
let launching: Promise<Browser> | undefined;
let port: number;
let origin: string;
let page: Page;
let foreign: string[];
let consoleErrors: string[];
const libraryRequests: string[] = [];

beforeAll(async () => {
  repo = await createTempRepo();
  port = await freePort();
  dev = startDev(repo.root, "--port", String(port));
  launching = launchChromium();
  const browser = await launching;
  origin = `http://127.0.0.1:${port}`;
  await dev.until(() => dev!.output().includes(`docs on ${origin}/ `), "the docs server", 60_000);
  ({ page, foreign, consoleErrors } = await openLocalPage(browser, origin));
  page.on("request", (sent) => {
    if (/\/redoc-[0-9a-f]+\.js$/.test(sent.url())) libraryRequests.push(sent.url());
  });
  await listening(() => page.goto(`${origin}/`));
}, 90_000);

// Each step in its own try, so that one failing leaves nothing else running.
afterAll(async () => {
  try {
    await launching?.then(
      (browser) => browser.close(),
      () => {},
    );
  } finally {
    try {
      await dev?.stop();
    } finally {
      await repo?.dispose();
    }
  }
});

/**
 * Loads a document into the page with `navigate`, and waits until it listens for changes. Not
 * "networkidle": that request stays open.
 */
async function listening<T>(navigate: () => Promise<T>): Promise<T> {
  const events = page.waitForResponse(`${origin}/events`);
  const result = await navigate();
  await events;
  return result;
}

/** Whether `text` is somewhere in the page's document, on screen or not. */
const shows = (text: string) =>
  page
    .getByText(text)
    .first()
    .isVisible()
    .catch(() => false);

/** Resolves once the page has shown the next update and let go of the reader's place. */
async function nextUpdate(): Promise<() => Promise<void>> {
  await page.evaluate(
    "void (globalThis.updated = new Promise((resolve) => addEventListener('docs:updated', resolve, { once: true })))",
  );
  return () => page.evaluate("globalThis.updated") as Promise<void>;
}

/** Scrolls with the mouse wheel, as a reader does, until `text` is on screen about 300 px down. */
async function scrollTo(text: string): Promise<void> {
  const top = (await page.getByText(text).first().boundingBox())!.y;
  await page.mouse.move(640, 450);
  await page.mouse.wheel(0, top - 300);
  let last = -1;
  await waitFor(async () => {
    const now = await scrollOf(page);
    const still = now === last;
    last = now;
    return still && (await onScreen(page, text));
  }, `${text} on screen`);
}

it("renders the live spec itself, with Redoc's init, and logs no console error", async () => {
  await expect(page.title()).resolves.toBe("Versori Issues API");
  await waitFor(() => onScreen(page, "The issue lifecycle"), "the introduction on screen");
  // The page the server sends is the template and a script, not a reference rendered on the
  // server: the browser renders the spec it fetches.
  const html = await (await page.request.get(`${origin}/`)).text();
  expect(html.length).toBeLessThan(10_000);
  expect(html).not.toContain("The issue lifecycle");
  expect(html).toMatch(/import \{ init \} from "\.\/redoc-[0-9a-f]{12}\.js";/);
  expect(consoleErrors).toEqual([]);
});

it("opens an operation at its own URL (a hash route), and shows it again after a reload", async () => {
  await page.getByText("issues", { exact: true }).first().click();
  await page.getByText("List issues").first().click();
  // Redoc 3 routes in the URL's hash (/#/issues/listissues) unless told `router: "history"`.
  await page.waitForURL(/\/listissues$/i);
  const url = page.url();
  await waitFor(() => shows("environment_id"), "the operation's parameters");

  const response = await listening(() => page.reload());
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(url);
  await waitFor(() => shows("environment_id"), "the operation's parameters after the reload");
  // Redoc scrolls to the operation the URL names.
  const heading = page.getByRole("heading", { name: "List issues" }).first();
  await waitFor(async () => {
    const box = await heading.boundingBox();
    return box !== null && box.y >= 0 && box.y < 900;
  }, "the operation's heading on screen");
});

it("updates the open page in place when the spec is saved: new text, same place, no reload", async () => {
  const before = "The title of the issue.";
  const after = "The headline of the issue, as the spec now says.";
  await scrollTo(before);
  const url = page.url();
  const scroll = await scrollOf(page);
  const status = dev!.statusLines().length;
  const requested = libraryRequests.length;
  // A mark that only this document has: gone if the page reloaded.
  await page.evaluate("globalThis.beforeTheSave = true");
  const updated = await nextUpdate();

  const saved = performance.now();
  await repo!.edit(SPEC, `description: ${before}`, `description: ${after}`);
  await untilOnScreen(page, after, 20_000);
  const ms = Math.round(performance.now() - saved);
  const scrollThen = await scrollOf(page);

  await dev!.until(() => dev!.statusLines().length > status, "the status line");
  const line = dev!.statusLines().at(-1)!;
  console.log(`live docs: ${ms} ms from saving the spec to the new text on screen; npm run dev: ${line}`);
  expect(line).toMatch(
    /^✔ .* openapi\/issues\.yaml changed: generated\/ in \d+ ms \(\d written\), docs sent to 1 open page$/,
  );
  await updated();
  await expect(page.evaluate("globalThis.beforeTheSave")).resolves.toBe(true);
  expect(page.url()).toBe(url);
  expect(Math.abs(scrollThen - scroll)).toBeLessThanOrEqual(2);
  expect(Math.abs((await scrollOf(page)) - scroll)).toBeLessThanOrEqual(2);
  await expect(onScreen(page, before)).resolves.toBe(false);
  // Redoc's library is named by its content; the browser keeps the one it has.
  expect(libraryRequests.length).toBe(requested);
});

it("keeps the page as it was when a save fails lint, and updates it on the next good save", async () => {
  const shown = "The headline of the issue, as the spec now says.";
  const next = "The headline, once the lint error is fixed.";
  const scroll = await scrollOf(page);
  let status = dev!.statusLines().length;
  const updated = await nextUpdate();
  await page.evaluate(
    "globalThis.updates = 0; addEventListener('docs:updated', () => globalThis.updates++);",
  );

  await repo!.edit(SPEC, "operationId: ListIssues", "operationId: listIssues");
  await dev!.until(() => dev!.statusLines().length > status, "the ✘ line");
  expect(dev!.statusLines().at(-1)).toMatch(/^✘ .* openapi\/issues\.yaml changed: failed; generated\/ keeps/);
  await expect(onScreen(page, shown)).resolves.toBe(true);

  status = dev!.statusLines().length;
  await repo!.write(
    SPEC,
    (await repo!.read(SPEC))
      .replace("operationId: listIssues", "operationId: ListIssues")
      .replace(`description: ${shown}`, `description: ${next}`),
  );
  await dev!.until(() => dev!.statusLines().length > status, "the ✔ line");
  expect(dev!.statusLines().at(-1)).toMatch(/^✔ .*, docs sent to 1 open page$/);
  await updated();
  // One update for the two saves: the failed one sent nothing.
  await expect(page.evaluate("globalThis.updates")).resolves.toBe(1);
  await expect(onScreen(page, next)).resolves.toBe(true);
  expect(Math.abs((await scrollOf(page)) - scroll)).toBeLessThanOrEqual(2);
});

it("keeps the text the reader is at where it was on screen when a save adds text above it", async () => {
  const reading = "The headline, once the lint error is fixed.";
  const added = "A paragraph added above the reader, long enough to push the reference down.";
  const at = async () => (await page.getByText(reading).first().boundingBox())!.y;
  const before = await at();
  const url = page.url();
  const updated = await nextUpdate();

  // In ListIssues' description, which the page shows above the response's schema.
  const paragraph = "        The response is a bare array with no paging metadata.";
  await repo!.edit(SPEC, paragraph, `${`        ${added}\n\n`.repeat(8)}${paragraph}`);
  await updated();
  await waitFor(() => shows(added), "the added paragraph in the page");
  // The window scrolled by what was added above; the reader's text did not move on screen.
  expect(Math.abs((await at()) - before)).toBeLessThanOrEqual(2);
  await expect(onScreen(page, reading)).resolves.toBe(true);
  expect(page.url()).toBe(url);
});

it("shows every operation's code samples in their three forms, and a saved example updates them", async () => {
  const served = (await (await page.request.get(`${origin}/page.json`)).json()) as {
    options: { codeSamples: { languages: { label: string }[] } };
  };
  const labels = ["curl", "TypeScript (versori-issues-api)", "TypeScript (openapi-fetch)"];
  expect(served.options.codeSamples.languages.map(({ label }) => label)).toEqual([...labels, "Payload"]);

  await page.getByText("List issues").first().click();
  await page.waitForURL(/\/listissues$/i);
  await waitFor(() => shows("environment_id"), "ListIssues on screen");
  const route = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/?/, ""));
  const panel = page.locator(`[id="${route}"]`).getByTestId("right-panel").locator(".panel-request-samples");
  await panel.getByRole("button", { name: "curl", exact: true }).click({ timeout: 10_000 });
  for (const label of labels) {
    await page
      .getByRole("menuitem", { name: label, exact: true })
      .waitFor({ state: "visible", timeout: 10_000 });
  }
  await page.keyboard.press("Escape");
  await expect.poll(() => panel.getByTestId("source-code").innerText()).toContain("?first=50");

  const updated = await nextUpdate();
  await repo!.edit(SPEC, "      example: 50", "      example: 25");
  await updated();
  await expect.poll(() => panel.getByTestId("source-code").innerText()).toContain("?first=25");
});

it("loads at a route of its own, as a page that routes by path would be reloaded", async () => {
  const response = await listening(() => page.goto(`${origin}/issues/listissues`));
  expect(response?.status()).toBe(200);
  await waitFor(() => onScreen(page, "The issue lifecycle"), "the introduction");
  // Its download links are relative: from here they point under /issues/.
  const href = await page
    .locator('a[href="openapi.yaml"]')
    .evaluate((link) => (link as { href: string }).href);
  expect(href).toBe(`${origin}/issues/openapi.yaml`);
  const spec = await page.request.get(href);
  expect(spec.status()).toBe(200);
  expect(await spec.text()).toContain("title: Versori Issues API");
});

/** GETs `path` as it is written, unlike fetch, which would tidy it first. */
function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    })
      .on("error", reject)
      .end();
  });
}

it.each(["/..%2fpackage.json", "/%2e%2e/package.json", "/issues/..%2F..%2Fredocly.yaml", "/package.json"])(
  "serves nothing of the project's own files: %s is a 404",
  async (path) => {
    await expect(get(path)).resolves.toBe(404);
  },
);

it("sends no request anywhere but its own server, and logs no console error", () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
