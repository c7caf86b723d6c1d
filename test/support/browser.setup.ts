/**
 * vitest globalSetup: finds the browser once for the whole run, so that browser tests in
 * parallel files never unpack it at the same time. Tests start it with `launchChromium()` (browser.ts).
 */
import type { TestProject } from "vitest/node";
import { type FoundBrowser, findChromium, NoBrowserError } from "./find-browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: FoundBrowser | { problem: string };
  }
}

export default async function setup(project: TestProject) {
  try {
    const found = await findChromium();
    console.log(`browser tests use ${found.version} (${found.source}: ${found.path})`);
    project.provide("chromium", found);
  } catch (error) {
    if (!(error instanceof NoBrowserError)) throw error;
    // Only the browser tests fail, each with this one line; every other test still runs.
    project.provide("chromium", { problem: error.message });
  }
}
