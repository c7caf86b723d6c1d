/** What a reader of a page in the browser sees, for the browser tests and bench:watch. */
import type { Page } from "playwright-core";
import { textOnScreen } from "./on-screen.browser.js";

/** Whether `text` is on screen in `page` now; false while the page is between two documents. */
export function onScreen(page: Page, text: string): Promise<boolean> {
  return page.evaluate(textOnScreen, text).catch(() => false);
}

/** The page's vertical scroll position, in CSS pixels. */
export function scrollOf(page: Page): Promise<number> {
  return page.evaluate("scrollY") as Promise<number>;
}
