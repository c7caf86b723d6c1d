/** What a reader of a page in the browser sees, for the browser tests and bench:watch. */
import type { Page } from "playwright-core";
import { whenOnScreen } from "./on-screen.browser.js";

/** Whether `text` is on screen in `page` in the next frame; false while the page is between two documents. */
export function onScreen(page: Page, text: string): Promise<boolean> {
  return page.evaluate(whenOnScreen, { text, timeoutMs: 0 }).catch(() => false);
}

/** Resolves once `text` is on screen in `page`, checking each frame; fails after `ms`. */
export async function untilOnScreen(page: Page, text: string, ms: number): Promise<void> {
  if (!(await page.evaluate(whenOnScreen, { text, timeoutMs: ms }))) {
    throw new Error(`timed out after ${ms} ms waiting for ${JSON.stringify(text)} on screen`);
  }
}

/** The page's vertical scroll position, in CSS pixels. */
export function scrollOf(page: Page): Promise<number> {
  return page.evaluate("scrollY") as Promise<number>;
}
