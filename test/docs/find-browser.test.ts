/**
 * Which browser the browser tests take: CHROMIUM_PATH, else a Chrome or Chromium on PATH, else
 * the one @sparticuz/chromium ships. Stand-in browsers are shell scripts in a temp folder that
 * answer `--version`, or fail to.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, NoBrowserError } from "../support/find-browser.ts";

let dir: string;
/** Writes an executable `name` into a folder of its own under `dir` and returns its path. */
async function standIn(folder: string, name: string, script: string): Promise<string> {
  const path = join(dir, folder, name);
  await mkdir(join(dir, folder), { recursive: true });
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "versori-issues-browsers-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("findChromium", () => {
  it("takes CHROMIUM_PATH first, over a browser on PATH", async () => {
    const configured = await standIn("configured", "my-chrome", 'echo "Google Chrome 150.0.1"');
    await standIn("on-path", "chromium", 'echo "Chromium 149.0.2"');
    const found = await findChromium({ CHROMIUM_PATH: configured, PATH: join(dir, "on-path") });
    expect(found).toEqual({ path: configured, source: "CHROMIUM_PATH", version: "Google Chrome 150.0.1" });
  });

  it("fails with one line when CHROMIUM_PATH does not run, rather than taking another", async () => {
    const broken = await standIn(
      "broken",
      "chrome",
      'echo "libnss3.so: cannot open shared object file" >&2; exit 127',
    );
    await standIn("on-path", "chromium", 'echo "Chromium 149.0.2"');
    const found = findChromium({ CHROMIUM_PATH: broken, PATH: join(dir, "on-path") });
    await expect(found).rejects.toThrow(NoBrowserError);
    // Its first line of complaint says why: here, a missing shared library.
    await expect(found).rejects.toThrow(
      `CHROMIUM_PATH=${broken} does not run (libnss3.so: cannot open shared object file)`,
    );
    await expect(found).rejects.toThrow("; set CHROMIUM_PATH to a Chrome or Chromium executable");
  });

  it("takes the first browser on PATH that runs", async () => {
    await standIn("first", "google-chrome", "exit 1");
    const second = await standIn("second", "chromium-browser", 'echo "Chromium 149.0.2"');
    const found = await findChromium({ PATH: [join(dir, "first"), join(dir, "second")].join(":") });
    expect(found).toEqual({ path: second, source: "PATH", version: "Chromium 149.0.2" });
  });

  it.runIf(process.platform === "linux" && process.arch === "x64")(
    "falls back to the Chromium that @sparticuz/chromium ships",
    async () => {
      const found = await findChromium({ PATH: join(dir, "nothing-here") });
      expect(found.source).toBe("@sparticuz/chromium");
      expect(found.path).toMatch(/node_modules\/\.cache\/sparticuz-chromium\/[\d.]+\/chromium$/);
      expect(found.version).toMatch(/^Chromium \d+\./);
    },
  );
});
