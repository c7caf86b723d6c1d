/**
 * A reader of the docs page in Chromium, for bench:watch: opens the page, goes to an operation
 * and scrolls with the mouse wheel as a person does, and says what is on screen and where.
 */
import type { Browser, Page } from "playwright-core";
import { waitFor } from "../lib/wait.ts";
import { onScreen, scrollOf, untilOnScreen } from "./on-screen.ts";

/** Where the reader is: the window's scroll and the URL (its hash is Redoc's route). */
export interface Place {
  scroll: number;
  url: string;
}

export class Reader {
  private constructor(readonly page: Page) {}

  /** A page at `url`, allowed to load from its origin only (and data: URLs). */
  static async open(browser: Browser, url: string): Promise<Reader> {
    const { origin } = new URL(url);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route("**/*", (route) =>
      route.request().url().startsWith(`${origin}/`) || route.request().url().startsWith("data:")
        ? route.continue()
        : route.abort(),
    );
    await page.goto(url);
    return new Reader(page);
  }

  /** Opens the issues tag, then List issues, as a reader clicks through the menu. */
  async showListIssues(): Promise<void> {
    await this.page.getByText("issues", { exact: true }).first().click();
    await this.page.getByText("List issues").first().click();
    await this.page.waitForURL(/\/listissues$/i);
  }

  /** Scrolls with the wheel until `text` is on screen about 300 px from the top. */
  async scrollTo(text: string): Promise<void> {
    await this.page.getByText(text).first().waitFor();
    const top = (await this.page.getByText(text).first().boundingBox())!.y;
    await this.page.mouse.move(640, 450);
    await this.page.mouse.wheel(0, top - 300);
    let last = -1;
    await waitFor(async () => {
      const now = await scrollOf(this.page);
      const still = now === last;
      last = now;
      return still && (await onScreen(this.page, text));
    }, `${text} on screen`);
  }

  async place(): Promise<Place> {
    return { scroll: await scrollOf(this.page), url: this.page.url() };
  }

  /** Resolves with the ms from `since` (a performance.now()) until `text` is on screen. */
  async untilOnScreen(text: string, since: number): Promise<number> {
    await untilOnScreen(this.page, text, 30_000);
    return performance.now() - since;
  }

  /** Marks this document, so that `reloaded()` can tell a new one. */
  async mark(): Promise<void> {
    await this.page.evaluate("globalThis.benchMark = true");
  }

  async reloaded(): Promise<boolean> {
    return !(await this.page.evaluate("globalThis.benchMark === true"));
  }

  /** Resolves once the page has updated in place and let go of the reader's place (live docs). */
  async nextUpdate(): Promise<() => Promise<void>> {
    await this.page.evaluate(
      "void (globalThis.benchUpdated = new Promise((resolve) => addEventListener('docs:updated', resolve, { once: true })))",
    );
    return async () => {
      await this.page.evaluate("globalThis.benchUpdated");
    };
  }
}
