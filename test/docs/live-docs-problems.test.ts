/**
 * A save that breaks the spec, as the open docs page of `npm run dev` shows it: the problems
 * the terminal prints (file:line:col, rule, message), in a panel over the last good render,
 * which stays on screen beneath it, until the next good save. Through the page's in-place
 * update channel, with no reload. The saves rename a temp file over the spec, as editors do,
 * in a temp copy of the project, with the real dev.ts process and Chromium. The problems repeat
 * the spec's text, so markup in them must stay text; the panel is readable in light and dark.
 */
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DevProcess, startDev } from "../support/dev-process.ts";
import { launchChromium, openLocalPage } from "../support/browser.ts";
import { freePort } from "../support/ports.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";
import { onScreen, untilOnScreen } from "../../tools/bench/on-screen.ts";
import { waitFor } from "../../tools/lib/wait.ts";

const SPEC = "openapi/issues.yaml";
const INTRODUCTION = "The issue lifecycle";

let repo: TempRepo | undefined;
let dev: DevProcess | undefined;
let launching: Promise<Browser> | undefined;
let origin: string;
let page: Page;
let foreign: string[];
let consoleErrors: string[];
let good: string;

beforeAll(async () => {
  repo = await createTempRepo();
  good = await repo.read(SPEC);
  const port = await freePort();
  dev = startDev(repo.root, "--port", String(port));
  launching = launchChromium();
  const browser = await launching;
  origin = `http://127.0.0.1:${port}`;
  await dev.until(() => dev!.output().includes(`docs on ${origin}/ `), "the docs server", 60_000);
  ({ page, foreign, consoleErrors } = await openLocalPage(browser, origin));
  await listening(() => page.goto(`${origin}/`));
  await waitFor(() => onScreen(page, INTRODUCTION), "the introduction on screen");
}, 90_000);

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

/** Loads a document into the page with `navigate`, and waits until it listens for changes. */
async function listening<T>(navigate: () => Promise<T>): Promise<T> {
  const events = page.waitForResponse(`${origin}/events`);
  const result = await navigate();
  await events;
  return result;
}

/**
 * Saves the spec as editors do, by renaming a temp file over it, and resolves with the status
 * line and the indented lines under it that `npm run dev` printed for that save.
 */
async function save(content: string): Promise<{ status: string; lines: string[] }> {
  const before = dev!.output().length;
  const temp = join(repo!.root, "openapi", ".issues.yaml.tmp");
  await writeFile(temp, content);
  await rename(temp, join(repo!.root, SPEC));
  await dev!.until(() => /^[✔✘] /m.test(dev!.output().slice(before)), "the status line");
  const [status, ...rest] = dev!.output().slice(before).split("\n");
  const lines = [];
  for (const line of rest) {
    if (!line.startsWith("  ")) break;
    lines.push(line.slice(2));
  }
  return { status: status!, lines };
}

const panel = () => page.getByRole("alert");
const panelText = () => panel().innerText({ timeout: 10_000 });
const until = (count: number, what: string) => waitFor(async () => (await panel().count()) === count, what);
const SHOWS_LAST_GOOD =
  "openapi/issues.yaml changed: failed; the page shows the last good version until a save builds again.";

/** What the page's window gives for an element's style: the project's types are Node's, not the DOM's. */
interface InPage {
  getComputedStyle(el: unknown): { color: string; backgroundColor: string; fontFamily: string };
}
interface AnElement {
  parentElement: AnElement | null;
}

/** An element's text colour and the background colour beneath it, as `rgb(…)` strings. */
const colours = (el: unknown) => {
  const { getComputedStyle } = globalThis as unknown as InPage;
  let below = el as AnElement | null;
  while (below && getComputedStyle(below).backgroundColor === "rgba(0, 0, 0, 0)") below = below.parentElement;
  return [getComputedStyle(el).color, below ? getComputedStyle(below).backgroundColor : "rgb(255, 255, 255)"];
};

/** WCAG's contrast ratio of two opaque `rgb(r, g, b)` colours: from 1 to 21. */
function contrast(one: string, other: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((channel) => {
        const value = Number(channel) / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The lowest contrast of the panel's title, its text and its problems, in the scheme shown now. */
async function lowestContrast(): Promise<number> {
  const ratios = [];
  for (const part of ["h2", "p", "pre", "button"]) {
    const [colour, background] = await page.locator(`[role=alert] ${part}`).evaluate(colours);
    ratios.push(contrast(colour!, background!));
  }
  return Math.min(...ratios);
}

it("shows a save's lint problems over the last good render, and clears them on the next good save", async () => {
  await page.evaluate("globalThis.beforeTheSave = true");
  const broken = await save(good.replace("      operationId: ListIssues\n", ""));
  expect(broken.status).toMatch(/^✘ .* openapi\/issues\.yaml changed: failed; generated\/ keeps/);
  expect(broken.lines).toContain(
    "openapi/issues.yaml:96:5 operation-operationId Operation object should contain `operationId` field.",
  );

  await until(1, "the problems on the page");
  const shown = await panelText();
  // The lines the terminal printed, each whole and on a line of its own.
  for (const line of broken.lines) expect(shown.split("\n")).toContain(line);
  expect(shown).toContain(SHOWS_LAST_GOOD);
  const font = await page
    .locator("[role=alert] pre")
    .evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).fontFamily);
  expect(font).toMatch(/mono/i);
  // The last good render is still there, on screen beside the panel; the page did not reload.
  await expect(onScreen(page, INTRODUCTION)).resolves.toBe(true);
  await expect(onScreen(page, "operation-operationId")).resolves.toBe(true);
  await expect(page.evaluate("globalThis.beforeTheSave")).resolves.toBe(true);

  const fixed = "The issue lifecycle, once the operationId is back";
  const saved = await save(good.replace(INTRODUCTION, fixed));
  expect(saved.status).toMatch(/^✔ .*, docs sent to 1 open page$/);
  await untilOnScreen(page, fixed, 20_000);
  // Gone with the render they were over, in the same frame as the new one appears.
  await expect(panel().count()).resolves.toBe(0);
  await expect(page.evaluate("globalThis.beforeTheSave")).resolves.toBe(true);
  good = good.replace(INTRODUCTION, fixed);
});

it("takes the problems away when dismissed, and shows the next failed save's", async () => {
  await save(good.replace("      operationId: ListIssues\n", ""));
  await until(1, "the problems on the page");
  await panel().getByRole("button", { name: "Dismiss" }).click();
  await until(0, "the problems dismissed");
  await expect(onScreen(page, INTRODUCTION)).resolves.toBe(true);

  const again = await save(
    good.replace("      operationId: ListIssues\n", "      operationId: listIssues\n"),
  );
  expect(again.status).toMatch(/^✘ /);
  await until(1, "the next failed save's problems");
  expect((await panelText()).split("\n")).toEqual(expect.arrayContaining(again.lines));
  await page.keyboard.press("Escape");
  await until(0, "the problems dismissed with Esc");
  await save(good);
});

it("is readable in a light and in a dark colour scheme", async () => {
  await save(good.replace("      operationId: ListIssues\n", ""));
  await until(1, "the problems on the page");
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      // WCAG AA for body text.
      expect(await lowestContrast(), colorScheme).toBeGreaterThanOrEqual(4.5);
    }
    const [, dark] = await page.locator("[role=alert]").evaluate(colours);
    expect(contrast(dark!, "rgb(0, 0, 0)"), "a dark background in the dark scheme").toBeLessThan(3);
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
  await save(good);
  await until(0, "the problems gone from the page");
});

it("clears the problems when the next good save gives the same bundle as the last good one", async () => {
  await save(good.replace("      operationId: ListIssues\n", ""));
  await until(1, "the problems on the page");
  const saved = await save(good);
  expect(saved.status).toMatch(/^✔ .*, docs unchanged$/);
  await until(0, "the problems gone from the page");
});

it("shows the problems to a page opened while the spec is broken, over the last good render", async () => {
  const broken = await save(good.replace('$ref: "#/components/parameters/First"', '$ref: "#/nowhere"'));
  expect(broken.lines.some((line) => /^openapi\/issues\.yaml:\d+:\d+ no-unresolved-refs /.test(line))).toBe(
    true,
  );
  await listening(() => page.reload());
  await until(1, "the problems on the reloaded page");
  expect((await panelText()).split("\n")).toEqual(expect.arrayContaining(broken.lines));
  expect(await panelText()).toContain(SHOWS_LAST_GOOD);
  await waitFor(() => onScreen(page, "The issue lifecycle"), "the last good render beneath the problems");

  await save(good);
  await until(0, "the problems gone from the page");
});

it("shows a problem's text as text: markup in it is neither parsed nor run", async () => {
  const markup = `<script>globalThis.ran = 1</script><img src="x" onerror="globalThis.ran = 2"><img src=x onerror=globalThis.ran=3>`;
  // A component's name is one of the things a lint message repeats word for word.
  const broken = await save(
    good.replace("\n  schemas:\n", `\n  schemas:\n    '${markup}':\n      type: string\n`),
  );
  expect(broken.lines.some((line) => line.includes(markup))).toBe(true);
  await until(1, "the problems on the page");
  expect(await panelText()).toContain(markup);
  await expect(page.locator("[role=alert] script, [role=alert] img").count()).resolves.toBe(0);
  await expect(page.evaluate("globalThis.ran")).resolves.toBeUndefined();

  await save(good);
  await until(0, "the problems gone from the page");
  await expect(page.evaluate("globalThis.ran")).resolves.toBeUndefined();
});

it("shows why the page's samples cannot be made, once generated/ is written, and clears it on a fix", async () => {
  // The spec lints and generates; only the docs page's copy of it, with its samples, fails.
  const noExample = good.replace("      example: 01M7YH1P1GBZ3K5XSB17ZQD65W\n", "");
  expect(noExample).not.toBe(good);
  const broken = await save(noExample);
  expect(broken.status).toMatch(
    /^✘ .* openapi\/issues\.yaml changed: generated\/ in \d+ ms \(\d written\); the docs page's copy of the spec failed$/,
  );
  const problem = "UpdateIssue: path parameter issue_id has no example: add one in openapi/issues.yaml";
  expect(broken.lines).toEqual([`error: ${problem}`]);
  await until(1, "the problems panel");
  expect(await panelText()).toContain(problem);
  await expect(onScreen(page, INTRODUCTION)).resolves.toBe(true);

  await save(good);
  await until(0, "the panel gone after the fix");
});

it("sends no request anywhere but its own server, and logs no console error", () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
