/** The browser finder lives in tools/lib/, where bench:watch finds its Chromium too. */
export { type FoundBrowser, findChromium, NoBrowserError } from "../../tools/lib/find-browser.ts";
