/**
 * The Chromium that the browser tests drive, found without installing anything by hand:
 *
 * 1. `CHROMIUM_PATH`, when set (and then nothing else: a wrong setting is an error, not a hint);
 * 2. a Chrome or Chromium already on the machine: on `PATH`, or in macOS's Applications folder;
 * 3. the Chromium that `@sparticuz/chromium` ships inside its npm package (Linux x64), unpacked
 *    once into `node_modules/.cache/`, so that `npm ci` alone brings a browser.
 *
 * Each candidate must answer `--version` before it is used. When none can, the one-line
 * message says what to set.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./temp-repo.ts";

export interface FoundBrowser {
  /** The executable to launch. */
  path: string;
  /** Where it was found, for the test log: `CHROMIUM_PATH`, `PATH` or the npm package's name. */
  source: string;
  /** What the browser says its version is. */
  version: string;
}

/** Thrown when no browser can run; its message is the one line a person needs. */
export class NoBrowserError extends Error {
  override name = "NoBrowserError";
}

const NAMES_ON_PATH = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];
const MAC_APPS = [
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
const HOW_TO_FIX =
  "set CHROMIUM_PATH to a Chrome or Chromium executable (e.g. CHROMIUM_PATH=/usr/bin/chromium npm test)";

/** The first browser that runs, in the order above. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    const version = await versionOf(configured);
    if (!version) throw new NoBrowserError(`CHROMIUM_PATH=${configured} does not run; ${HOW_TO_FIX}`);
    return { path: configured, source: "CHROMIUM_PATH", version };
  }
  for (const path of onThisMachine(env.PATH ?? "")) {
    const version = await versionOf(path);
    if (version) return { path, source: "PATH", version };
  }
  const shipped = await unpackShippedChromium().catch((error: Error) => {
    throw new NoBrowserError(
      `could not unpack @sparticuz/chromium's browser (${error.message}); ${HOW_TO_FIX}`,
    );
  });
  if (shipped) {
    const version = await versionOf(shipped);
    if (version) return { path: shipped, source: "@sparticuz/chromium", version };
  }
  throw new NoBrowserError(
    `no Chrome or Chromium on PATH, and the one @sparticuz/chromium ships (Linux x64 only) does not run here; ${HOW_TO_FIX}`,
  );
}

function onThisMachine(path: string): string[] {
  const found: string[] = [];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of NAMES_ON_PATH) {
      if (existsSync(join(dir, name))) found.push(join(dir, name));
    }
  }
  if (process.platform === "darwin") found.push(...MAC_APPS.filter((app) => existsSync(app)));
  return found;
}

/** The first line a browser prints for `--version`, or undefined when it does not run. */
async function versionOf(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(path, ["--version"], { timeout: 20_000 });
    return stdout.trim().split("\n")[0] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Unpacks @sparticuz/chromium's brotli-compressed browser into node_modules/.cache, once per
 * version. The package unpacks into `os.tmpdir()`, and takes any `chromium` file it finds there
 * as finished, so it unpacks into a fresh staging folder that is renamed into place only when
 * complete: an interrupted run leaves nothing that a later run would mistake for a browser.
 */
async function unpackShippedChromium(): Promise<string | undefined> {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  const packageDir = join(REPO_ROOT, "node_modules/@sparticuz/chromium");
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const cacheDir = join(REPO_ROOT, "node_modules/.cache/sparticuz-chromium");
  const target = join(cacheDir, version);
  if (existsSync(join(target, "chromium"))) return join(target, "chromium");

  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, `${version}-staging-`));
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: Chromium } = await import("@sparticuz/chromium");
    await Chromium.executablePath(join(packageDir, "bin"));
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  // Another run may have finished first; its copy is as good as this one.
  await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
  return join(target, "chromium");
}
