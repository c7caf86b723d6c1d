/**
 * The docs page in a real browser: Chromium (see test/support/find-browser.ts), driven by
 * playwright-core, loads the page from 127.0.0.1. Every request that is not to that server is
 * refused and fails the test, and so does any console error. A screenshot is saved under
 * test/artifacts/.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../tools/docs/docs.ts";
import { pageSpec } from "../../tools/docs/page-spec.ts";
import { serveDocs } from "../../tools/docs/serve.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

interface PageOperation {
  operationId: string;
  summary: string;
  samples: { lang: string; label: string; source: string }[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the page's copy of the spec, with the samples it shows beside it. */
function operationsOf(spec: { paths: Record<string, Record<string, unknown>> }): PageOperation[] {
  return Object.values(spec.paths).flatMap((item) =>
    METHODS.flatMap((method) => {
      const operation = item[method] as
        { operationId: string; summary: string; "x-codeSamples"?: PageOperation["samples"] } | undefined;
      if (!operation) return [];
      const { operationId, summary } = operation;
      return [{ operationId, summary, samples: operation["x-codeSamples"] ?? [] }];
    }),
  );
}

const operations = operationsOf(
  JSON.parse(await pageSpec(await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8"))),
);

/** Text as the page shows it, however it breaks and indents it. */
const words = (text: string) => text.replace(/\s+/g, " ").trim();

let dir: string;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let foreign: string[];
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), "versori-issues-docs-"));
  await buildDocs(dir, await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8"));

  server = createServer(serveDocs(dir));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  ({ page, foreign, consoleErrors } = await openLocalPage(browser, origin));
  await page.goto(`${origin}/`, { waitUntil: "networkidle" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the docs page", () => {
  it("shows the title and the introduction", async () => {
    await expect(page.title()).resolves.toBe("Versori Issues API");
    const text = await page.locator("body").innerText();
    for (const heading of ["Authentication", "Pagination", "Errors", "The issue lifecycle"]) {
      expect(text).toContain(heading);
    }
    // Words that only an operation's own view shows (the introduction mentions the others),
    // read before anything is clicked: opening the tag draws its operations within ~300 ms.
    for (const word of ["environment_id", "annotations"]) expect(text).not.toContain(word);
  });

  it("renders the three operations once the issues tag is opened", async () => {
    await page.getByText("issues", { exact: true }).first().click();
    // Redoc draws the tag's operations a moment after the click: wait for each, not check once.
    for (const summary of ["List issues", "Create a new issue", "Update an issue"]) {
      await page.getByText(summary).first().waitFor({ state: "visible", timeout: 10_000 });
    }
  });

  it("renders ListIssues' parameters and the Issue schema", async () => {
    await page.getByText("List issues").first().click();
    await page.waitForURL(/listissues/i);
    await page.getByText("environment_id").first().waitFor({ state: "visible", timeout: 10_000 });
    const text = await page.locator("body").innerText();
    for (const word of ["environment_id", "annotations"]) expect(text).toContain(word);
    for (const name of [
      "organisation_id",
      "first",
      "after",
      "before",
      "search_date",
      "project_id",
      "environment_id",
    ]) {
      expect(text).toContain(name);
    }
    for (const property of ["seenCount", "lastSeenAt", "resolvedAt", "resolutionStatus", "annotations"]) {
      expect(text).toContain(property);
    }
    await mkdir(join(REPO_ROOT, "test/artifacts"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "test/artifacts/docs.png"), fullPage: false });
  });

  it("links the spec for download, and serves it beside the page", async () => {
    for (const file of ["openapi.json", "openapi.yaml"]) {
      await expect(page.locator(`a[href="${file}"]`).count()).resolves.toBe(1);
      const response = await page.request.get(`${origin}/${file}`);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain("Versori Issues API");
    }
  });

  it("is at most 350 kB, with Redoc's library beside it in a file named by its content", async () => {
    const libraries = (await readdir(dir)).filter((name) => name.startsWith("redoc-"));
    expect(libraries).toHaveLength(1);
    const [library] = libraries as [string];
    const hash = createHash("sha256")
      .update(await readFile(join(dir, library)))
      .digest("hex");
    expect(library).toBe(`redoc-${hash.slice(0, 12)}.js`);
    const html = await readFile(join(dir, "index.html"));
    expect(html.byteLength).toBeLessThanOrEqual(350_000);
    // A classic script, not a module: a page opened from disk (docs-file.test.ts) may run no
    // module from another file.
    expect(html.toString()).toContain(`<script src="./${library}" defer></script>`);
    expect(html.toString()).not.toContain('type="module"');
    const response = await page.request.get(`${origin}/${library}`);
    expect(response.headers()["content-type"]).toBe("text/javascript");
    // Named by its content, it may be cached for good; the page must be asked for each time.
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    const pageResponse = await page.request.get(`${origin}/`);
    expect(pageResponse.headers()["cache-control"]).toBe("no-cache");
  });

  it("paints the server-rendered title before Redoc's library runs (the time is reported)", async () => {
    const html = await readFile(join(dir, "index.html"), "utf8");
    const { version } = JSON.parse(await readFile(join(dir, "openapi.json"), "utf8")).info;
    // In the HTML that arrives, before any script runs.
    expect(/<h1[^>]*>[^<]*<\/h1>/.exec(html)?.[0]).toMatch(`>Versori Issues API (${version})</h1>`);
    const fresh = await openLocalPage(browser, origin);
    try {
      await fresh.page.goto(`${origin}/`, { waitUntil: "commit" });
      await fresh.page.getByRole("heading", { level: 1, name: "Versori Issues API" }).waitFor();
      const shown = await fresh.page.evaluate(() => Math.round(performance.now()));
      await fresh.page.waitForLoadState("load");
      const paint = await fresh.page.evaluate(() =>
        Math.round(performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN),
      );
      console.log(
        `docs page: index.html ${html.length} B; the title visible ${shown} ms after navigation began ` +
          `(first contentful paint ${paint} ms)`,
      );
      expect(paint).toBeGreaterThan(0);
      expect(fresh.foreign).toEqual([]);
      expect(fresh.consoleErrors).toEqual([]);
    } finally {
      await fresh.page.close();
    }
  });

  it("sends no request anywhere but the page's own server, and logs no console errors", () => {
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe("the code samples beside every operation", () => {
  it("are three for each operation of the page's spec", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const { operationId, samples } of operations) {
      expect({ operationId, samples: samples.length }).toEqual({ operationId, samples: 3 });
    }
  });

  it.each(operations)("are each shown beside $operationId, in a tab of their own", async (operation) => {
    const labels = operation.samples.map(({ label }) => label);
    expect(labels).toHaveLength(3);
    await page.getByText(operation.summary, { exact: true }).first().click();
    await page.waitForURL(new RegExp(operation.operationId, "i"));
    // Redoc draws each operation in an element named by the route that shows it.
    const route = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/?/, ""));
    const panel = page
      .locator(`[id="${route}"]`)
      .getByTestId("right-panel")
      .locator(".panel-request-samples");
    for (const sample of operation.samples) {
      // The tabs are a menu, opened from the button that names the sample shown.
      await shownTab(panel, labels).click({ timeout: 10_000 });
      for (const label of labels) {
        await page
          .getByRole("menuitem", { name: label, exact: true })
          .waitFor({ state: "visible", timeout: 10_000 });
      }
      await page.getByRole("menuitem", { name: sample.label, exact: true }).click({ timeout: 10_000 });
      await panel
        .getByRole("button", { name: sample.label, exact: true })
        .waitFor({ state: "visible", timeout: 10_000 });
      await expect
        .poll(async () => words(await panel.getByTestId("source-code").innerText()))
        .toBe(words(sample.source));
    }
    await mkdir(join(REPO_ROOT, "test/artifacts"), { recursive: true });
    await page.screenshot({
      path: join(REPO_ROOT, `test/artifacts/docs-samples-${operation.operationId}.png`),
    });
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

/** The button of the panel that names the sample it shows, whichever of `labels` that is. */
function shownTab(panel: Locator, labels: string[]): Locator {
  return labels
    .map((label) => panel.getByRole("button", { name: label, exact: true }))
    .reduce((either, next) => either.or(next));
}
