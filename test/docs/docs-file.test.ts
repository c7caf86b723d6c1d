/**
 * The built docs page opened from disk, as a reader opens a downloaded copy of the docs folder:
 * `file://…/index.html` in Chromium. A file:// page has an opaque origin, so Chromium refuses it
 * any module script from another file (module scripts are fetched with CORS); the page must
 * still render every operation and its search. Any request outside the folder fails the test,
 * and so does any console error.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../tools/docs/docs.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

let dir: string;
let folder: string;
let browser: Browser;
let page: Page;
let consoleErrors: string[];
const requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), "versori-issues-docs-file-"));
  await buildDocs(dir, await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8"));
  folder = pathToFileURL(dir).href;

  ({ page, consoleErrors } = await openLocalPage(browser, folder));
  // Every request, file:// ones included (a route sees only those over the network).
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${folder}/index.html`, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the docs page opened from disk", () => {
  it("renders the three operations once the issues tag is opened", async () => {
    await page.getByText("issues", { exact: true }).first().click();
    for (const summary of ["List issues", "Create a new issue", "Update an issue"]) {
      await page.getByText(summary).first().waitFor({ state: "visible", timeout: 10_000 });
    }
  });

  it("finds operations with its search, which is not left loading", async () => {
    await page.getByTestId("search-trigger").click();
    await page.getByPlaceholder("Search docs...").fill("resolve");
    const dialog = page.getByTestId("search-dialog");
    // Redoc builds its search index in workers; the results come once they have.
    await dialog.getByText("Update an issue").first().waitFor({ state: "visible", timeout: 10_000 });
    await expect(dialog.innerText()).resolves.not.toMatch(/Loading|Searching/);
    await page.keyboard.press("Escape");
  });

  it("links the spec files beside it", async () => {
    for (const file of ["openapi.json", "openapi.yaml"]) {
      const link = page.locator(`a[href="${file}"]`);
      await expect(link.count()).resolves.toBe(1);
      const target = fileURLToPath(new URL((await link.getAttribute("href")) ?? "", page.url()));
      expect(dirname(target)).toBe(dir);
      await expect(readFile(target, "utf8")).resolves.toContain("Versori Issues API");
    }
  });

  it("gets one global from Redoc's library, and none of the names inside it", async () => {
    const globals = await page.evaluate(() => ({
      library: Object.keys((globalThis as { Redoc?: object }).Redoc ?? {}).sort(),
      leaked: ["RedocStandalone", "hydrate", "init"].filter((name) => name in globalThis),
    }));
    expect(globals).toEqual({ library: ["RedocStandalone", "hydrate", "init"], leaked: [] });
  });

  it("loads nothing from outside its folder, and logs no console errors", () => {
    const outside = requests.filter(
      (url) => !url.startsWith(`${folder}/`) && !url.startsWith("data:") && !url.startsWith("blob:"),
    );
    expect(outside).toEqual([]);
    expect(requests).toContain(`${folder}/index.html`);
    expect(consoleErrors).toEqual([]);
  });
});
