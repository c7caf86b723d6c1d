/**
 * How the browser tests and bench:watch start Chromium: headless, able to reach 127.0.0.1 and
 * nothing else (every other host name resolves to nothing), with no background traffic of its own.
 */
import { type Browser, chromium } from "playwright-core";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

/** Starts the Chromium at `executablePath`. */
export function launchLocalChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: ARGS });
}
