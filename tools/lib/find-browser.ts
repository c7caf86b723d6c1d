/**
 * The Chromium that the browser tests drive, found without installing anything by hand:
 *
 * 1. `CHROMIUM_PATH`, when set (and then nothing else: a wrong setting is an error, not a hint);
 * 2. a Chrome or Chromium already on the machine: on `PATH`, or in macOS's Applications folder;
 * 3. the Chromium that `@sparticuz/chromium` ships inside its npm package (Linux x64), unpacked
 *    once into `node_modules/.cache/`, so that `npm ci` alone brings a browser.
 *
 * Each candidate must answer `--version` before it is used. When none can, the one-line
 * message says why and what to set. The shipped Chromium needs the shared libraries a desktop
 * or most server images have (on Debian, libnss3 and libexpat1); a bare container may lack them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./paths.ts";

const run = promisify(execFile);

export interface FoundBrowser {
  /** The executable to launch. */
  path: string;
  /** Where it was found, for the test log: `CHROMIUM_PATH`, `PATH` or the npm package's name. */
  source: string;
  /** What the browser says its version is. */
  version: string;
}

/** Thrown when no browser can run; its message is the one line a person needs, and all it shows. */
export class NoBrowserError extends Error {
  override name = "NoBrowserError";
  constructor(message: string) {
    super(message);
    // No stack: where the test noticed is no help to the person who has to set CHROMIUM_PATH.
    this.stack = `${this.name}: ${message}`;
  }
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
    const run = await tryVersion(configured);
    if ("problem" in run)
      throw new NoBrowserError(`CHROMIUM_PATH=${configured} ${run.problem}; ${HOW_TO_FIX}`);
    return { path: configured, source: "CHROMIUM_PATH", version: run.version };
  }
  for (const path of onThisMachine(env.PATH ?? "")) {
    const run = await tryVersion(path);
    if ("version" in run) return { path, source: "PATH", version: run.version };
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new NoBrowserError(
      `no Chrome or Chromium found, and @sparticuz/chromium ships one for Linux x64 only; ${HOW_TO_FIX}`,
    );
  }
  const shipped = await unpackShippedChromium().catch((error: Error) => {
    throw new NoBrowserError(
      `could not unpack @sparticuz/chromium's browser (${error.message}); ${HOW_TO_FIX}`,
    );
  });
  const run = await tryVersion(shipped);
  if ("problem" in run) {
    // Usually a shared library the machine lacks, such as libnss3: the message names it.
    throw new NoBrowserError(`@sparticuz/chromium's browser ${run.problem}; ${HOW_TO_FIX}`);
  }
  return { path: shipped, source: "@sparticuz/chromium", version: run.version };
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

/** What a browser prints first for `--version`, or why it does not run: its first error line. */
async function tryVersion(path: string): Promise<{ version: string } | { problem: string }> {
  try {
    const { stdout } = await run(path, ["--version"], { timeout: 20_000 });
    const version = stdout.trim().split("\n")[0];
    return version ? { version } : { problem: "prints no version" };
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const reason = (stderr?.trim() || message).split("\n")[0];
    return { problem: `does not run (${reason})` };
  }
}

/**
 * Unpacks @sparticuz/chromium's brotli-compressed browser into node_modules/.cache, once per
 * version. The package unpacks into `os.tmpdir()`, and takes any `chromium` file it finds there
 * as finished, so it unpacks, in a child process whose TMPDIR is a fresh staging folder, and
 * the folder is renamed into place only when complete: an interrupted run leaves nothing that
 * a later run would mistake for a browser.
 */
async function unpackShippedChromium(): Promise<string> {
  const packageDir = join(ROOT, "node_modules/@sparticuz/chromium");
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const cacheDir = join(ROOT, "node_modules/.cache/sparticuz-chromium");
  const target = join(cacheDir, version);
  if (existsSync(join(target, "chromium"))) return join(target, "chromium");

  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, `${version}-staging-`));
  try {
    const unpack = `import("@sparticuz/chromium").then(({ default: c }) => c.executablePath(${JSON.stringify(join(packageDir, "bin"))}))`;
    await run(process.execPath, ["--input-type=module", "-e", unpack], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: staging },
    });
    // Another run may have finished first; its copy is as good as this one.
    await rename(staging, target).catch(() => {});
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return join(target, "chromium");
}
