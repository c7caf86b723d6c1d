/**
 * The docs page as `npm run dev` serves it, in a real browser: a dev.ts process with the docs
 * on, in a temp copy of the project, and Chromium (see test/support/browser.ts) refusing every
 * request that is not to it. The page's own routes survive a reload, and a save of the spec
 * makes the open page reload itself with the new text. The time from the save to the new text
 * on screen is printed, not asserted: the machines that run the tests are shared.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DevProcess, startDev } from "../support/dev-process.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { freePort } from "../support/ports.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";
import { waitFor } from "../../tools/lib/wait.ts";

let repo: TempRepo | undefined;
let dev: DevProcess | undefined;
let launching: Promise<Browser> | undefined;
let origin: string;
let page: Page;
let foreign: string[];
let consoleErrors: string[];

beforeAll(async () => {
  repo = await createTempRepo();
  const port = await freePort();
  dev = startDev(repo.root, "--port", String(port));
  launching = launchChromium();
  const browser = await launching;
  origin = `http://127.0.0.1:${port}`;
  await dev.until(() => dev!.output().includes(`docs on ${origin}/ `), "the docs server", 60_000);
  ({ page, foreign, consoleErrors } = await openLocalPage(browser, origin));
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
 * Loads a document into the page with `navigate`, and waits until it listens for reloads. Not
 * "networkidle": that request stays open.
 */
async function listening<T>(navigate: () => Promise<T>): Promise<T> {
  const events = page.waitForResponse(`${origin}/events`);
  const result = await navigate();
  await events;
  return result;
}

/** Whether `text` is on screen now; false while the page is between two documents. */
const shows = (text: string) =>
  page
    .getByText(text)
    .first()
    .isVisible()
    .catch(() => false);

it("loads with the reload script, and with no console error", async () => {
  await expect(page.title()).resolves.toBe("Versori Issues API");
  await waitFor(() => shows("The issue lifecycle"), "the introduction");
  expect(consoleErrors).toEqual([]);
  // Once, and where it runs: put before the first </body>, which is in Redoc's code, it broke it.
  expect((await page.content()).split('new EventSource("/events")')).toHaveLength(2);
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

it("reloads itself with the new text when the spec is saved", async () => {
  const url = page.url();
  const before = "The title of the issue.";
  const after = "The headline of the issue, as the spec now says.";
  await waitFor(() => shows(before), "the text before the save");
  const status = dev!.statusLines().length;
  // A mark that only this document has: gone once the page has reloaded.
  await page.evaluate(() => Object.assign(globalThis, { beforeTheSave: true }));

  const libraries = async () =>
    (await readdir(join(repo!.root, "dist/docs"))).filter((name) => name.startsWith("redoc-"));
  const library = await libraries();
  expect(library).toHaveLength(1);

  const saved = performance.now();
  await repo!.edit("openapi/issues.yaml", `description: ${before}`, `description: ${after}`);
  await waitFor(() => shows(after), "the new text on the page");
  const ms = Math.round(performance.now() - saved);

  await dev!.until(() => dev!.statusLines().length > status, "the status line");
  const line = dev!.statusLines().at(-1)!;
  console.log(`live docs: ${ms} ms from saving the spec to the new text on the page; npm run dev: ${line}`);
  expect(line).toMatch(/^✔ .* openapi\/issues\.yaml changed: .*, docs in \d+ ms$/);
  await expect(page.evaluate(() => "beforeTheSave" in globalThis)).resolves.toBe(false);
  expect(page.url()).toBe(url);
  // A new spec is a new page; Redoc's library is the same file, which the browser has cached.
  expect(await libraries()).toEqual(library);
});

it("loads at a route of its own, as a page that routes by path would be reloaded", async () => {
  const response = await listening(() => page.goto(`${origin}/issues/listissues`));
  expect(response?.status()).toBe(200);
  await waitFor(() => shows("The issue lifecycle"), "the introduction");
  // Its download links are relative: from here they point under /issues/.
  const href = await page
    .locator('a[href="openapi.yaml"]')
    .evaluate((link) => (link as { href: string }).href);
  expect(href).toBe(`${origin}/issues/openapi.yaml`);
  const spec = await page.request.get(href);
  expect(spec.status()).toBe(200);
  expect(await spec.text()).toContain("title: Versori Issues API");
});

it("sends no request anywhere but its own server, and logs no console error", () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
