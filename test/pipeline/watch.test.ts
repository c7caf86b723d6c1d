/**
 * `npm run dev` on a temp copy of the project: a save regenerates generated/ whether the editor
 * writes the spec in place, renames a temp file over it, or deletes and recreates it; a lint
 * error or a deleted spec keeps the last good output and the watcher running; and a bad option
 * or a port in use ends it at once with one line. The docs it serves are tested in a browser,
 * in test/docs/live-docs.test.ts.
 */
import { rename } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";
import { type DevProcess, startDev } from "../support/dev-process.ts";
import { DEV_USAGE, DevUsageError, parseDevFlags } from "../../tools/dev/flags.ts";

const SPEC = "openapi/issues.yaml";

describe("npm run dev -- --no-docs", () => {
  let repo: TempRepo;
  let dev: DevProcess;

  beforeAll(async () => {
    repo = await createTempRepo();
    dev = startDev(repo.root, "--no-docs", "--port", String(await freePort()));
    await dev.until(() => /^watching openapi\/ and redocly\.yaml/m.test(dev.output()), "the watcher", 60_000);
  }, 90_000);

  afterAll(async () => {
    await dev?.stop();
    await repo?.dispose();
  });

  /** Waits for a line that matches `line` among those printed since `mark` (an output length). */
  const untilPrinted = (mark: number, line: RegExp, what: string) =>
    dev.until(() => line.test(dev.output().slice(mark)), what);

  /** Replaces the spec's text with `text`, the way an editor of each kind saves. */
  const saveStyles: Record<string, (text: string) => Promise<void>> = {
    // VS Code, and repo.write: the same file, truncated and rewritten.
    "in place": (text) => repo.write(SPEC, text),
    // vim, JetBrains' safe write, sed -i: a new file beside it, renamed over it.
    "by renaming a temp file over it": async (text) => {
      const temp = "openapi/issues.yaml___jb_tmp___";
      await repo.write(temp, text);
      await rename(join(repo.root, temp), join(repo.root, SPEC));
    },
    // Slow enough that the watcher sees the spec missing, and says so.
    "by deleting and recreating it": async (text) => {
      const mark = dev.output().length;
      await repo.remove(SPEC);
      await untilPrinted(mark, /^✘ /m, "the ✘ line");
      expect(dev.output().slice(mark)).toMatch(
        /^✘ \d\d:\d\d:\d\d openapi\/issues\.yaml deleted: failed; generated\/ keeps its last good output\n {2}openapi\/issues\.yaml: the file does not exist$/m,
      );
      await repo.write(SPEC, text);
    },
  };

  /** The description of Issue.title, the first in the spec, as the spec has it now. */
  let description = "The title of the issue.";

  /** Saves the spec with that description changed, and waits for it in generated/. */
  async function saveDescription(style: string, next: string): Promise<void> {
    const spec = await repo.read(SPEC);
    expect(spec).toContain(`description: ${description}`);
    const passed = () => dev.statusLines().filter((line) => line.startsWith("✔ ")).length;
    const before = passed();
    await saveStyles[style]!(spec.replace(`description: ${description}`, `description: ${next}`));
    description = next;
    await dev.until(() => passed() > before, `a ✔ line after the spec was saved ${style}`);
    expect(dev.statusLines().at(-1)).toMatch(
      /^✔ \d\d:\d\d:\d\d openapi\/issues\.yaml (changed|added): generated\/ in \d+ ms \(3 written\)$/,
    );
    expect(await repo.read("generated/issues.ts")).toContain(`@description ${next}`);
  }

  // One save in the style, then one more in it and one in place: fs.watch lost the spec for
  // good after its first save by rename.
  for (const style of Object.keys(saveStyles)) {
    it(`regenerates when the spec is saved ${style}, and on each save after`, async () => {
      await saveDescription(style, `Saved ${style}, the first time.`);
      await saveDescription(style, `Saved ${style}, the second time.`);
      await saveDescription("in place", `Saved in place, after the saves ${style}.`);
      expect(dev.process.exitCode).toBeNull();
    });
  }

  it("prints a lint error with its file:line, keeps the last good output, and keeps watching", async () => {
    const good = await repo.read("generated/issues.ts");
    const mark = dev.output().length;

    await repo.edit(SPEC, "operationId: ListIssues", "operationId: listIssues");

    // The ✘ line and its problems arrive in one write: as soon as the line is there, so are they.
    await untilPrinted(mark, /^✘ /m, "the ✘ line");
    expect(dev.output().slice(mark)).toMatch(
      /^✘ .* generated\/ keeps its last good output\n {2}openapi\/issues\.yaml:\d+:\d+ rule\/operation-id-pascal-case /m,
    );
    expect(await repo.read("generated/issues.ts")).toBe(good);

    const again = dev.statusLines().length;
    await repo.edit(SPEC, "operationId: listIssues", "operationId: ListIssues");
    await dev.until(() => dev.statusLines().length > again, "a status line");
    expect(dev.statusLines().at(-1)).toMatch(/^✔ /);
    expect(dev.process.exitCode).toBeNull();
  });
});

describe("npm run dev with a bad option or a port in use", () => {
  let repo: TempRepo;

  beforeAll(async () => {
    repo = await createTempRepo();
  });

  afterAll(async () => {
    await repo?.dispose();
  });

  /** Runs npm run dev until it exits by itself, or for at most 30 s. */
  async function runToExit(...args: string[]) {
    const dev = startDev(repo.root, ...args);
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000).unref());
    const result = await Promise.race([dev.exited, timeout]);
    await dev.stop();
    return result ?? { code: "still running after 30 s", stdout: "", stderr: dev.output() };
  }

  /** Exit code 1 and one line on stderr, with the usage; stdout empty: it generated nothing. */
  function expectRefused(result: Awaited<ReturnType<typeof runToExit>>, problem: RegExp) {
    expect(result).toEqual({ code: 1, stdout: "", stderr: expect.stringMatching(/^[^\n]*\n$/) });
    expect(result.stderr).toMatch(problem);
    expect(result.stderr).toContain(`; ${DEV_USAGE}\n`);
  }

  it("refuses a port in use, before the first regeneration", async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve));
    try {
      expectRefused(
        await runToExit("--port", String(port)),
        new RegExp(`^npm run dev: port ${port} is in use`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("refuses --port http", async () => {
    expectRefused(
      await runToExit("--port=http"),
      /^npm run dev: --port must be a port number from 0 to 65535, not "http";/,
    );
  });

  // The same check as above, in this process: the command adds nothing to what is checked.
  it.each(["65536", "-1", "", "80.5", "0x50"])("refuses --port %j", (value) => {
    expect(() => parseDevFlags([`--port=${value}`])).toThrow(
      new DevUsageError(`--port must be a port number from 0 to 65535, not ${JSON.stringify(value)}`),
    );
  });

  it("takes a port from 0 to 65535, and --no-docs", () => {
    expect(parseDevFlags([])).toEqual({ port: 8902, docs: true });
    expect(parseDevFlags(["--port", "0", "--no-docs"])).toEqual({ port: 0, docs: false });
    expect(parseDevFlags(["--port=65535"])).toEqual({ port: 65535, docs: true });
  });

  it("refuses an unknown option", async () => {
    expectRefused(
      await runToExit("--port", String(await freePort()), "--open"),
      /^npm run dev: unknown option '--open';/,
    );
  });
});
