/** The browser for a test, as the run's globalSetup (`browser.setup.ts`) found it. */
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { launchLocalChromium } from "../../tools/lib/chromium.ts";
import { NoBrowserError } from "./find-browser.ts";

/**
 * Starts the browser that the run's globalSetup found, headless, able to reach 127.0.0.1 and
 * nothing else. Fails with the setup's one-line message when there is none.
 */
export function launchChromium(): Promise<Browser> {
  const found = inject("chromium");
  if ("problem" in found) throw new NoBrowserError(found.problem);
  return launchLocalChromium(found.path);
}

/**
 * A page that may load only from `origin` (and data: or blob: URLs). Any other request is
 * refused and listed in `foreign`; console errors and uncaught exceptions go to `consoleErrors`.
 */
export async function openLocalPage(
  browser: Browser,
  origin: string,
): Promise<{ page: Page; foreign: string[]; consoleErrors: string[] }> {
  const foreign: string[] = [];
  const consoleErrors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:"))
      return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { page, foreign, consoleErrors };
}
