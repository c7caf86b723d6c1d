/**
 * `npm run release` all or nothing: refused arguments, a project without a lockfile, a release
 * that fails part way, and one killed part way (in a child process, at a step this test names),
 * after which one command undoes it. Each case starts from a committed temp copy, so that "as it
 * was" is `git status` saying nothing changed.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { writeOutputs } from "../../tools/pipeline/outputs.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { abortRelease } from "../../tools/release/journal.ts";
import { release } from "../../tools/release/release.ts";
import { tagRelease } from "../../tools/release/tag.ts";
import { runStopped } from "../support/stopped.ts";
import { literally, versionAfter } from "../support/spec-facts.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";
/** The version a minor release after the last one makes. */
const MINOR = versionAfter("minor");
const ABORT_LINE =
  `a release of ${MINOR} was stopped part way (.release-in-progress.json records it): ` +
  "run `npm run release -- --abort` to put back every file it changed";

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
  // A change that needs a minor release, generated and committed: the state a release starts from.
  await repo.edit(
    SPEC,
    "        message:\n          type: string\n          description: The detailed message of the issue.\n        labels:",
    "        message:\n          type: string\n          description: The detailed message of the issue.\n        externalRef:\n          type: string\n          description: A reference in another system.\n        labels:",
  );
  await writeOutputs(repo.root, await buildOutputs({ root: repo.root })); // npm run generate's work
});
afterEach(() => repo.dispose());

/** What differs from the commit, ignored files included: empty when the tree is as it was. */
const changed = async () =>
  (await repo.git("status", "--porcelain", "--ignored", "--", ".", ":!node_modules", ":!tools/.compiled"))
    .split("\n")
    .filter((line) => line !== "");
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("it succeeded"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(PipelineError);
      return (error as PipelineError).lines;
    },
  );

describe("npm run release", () => {
  it("refuses an argument it does not take, naming it, and changes nothing", async () => {
    await repo.commitAll("before");
    const result = await repo.npm("release", "minor", "extra");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'unexpected argument "extra": usage: npm run release -- <major|minor|patch>, then npm run release -- --tag ' +
        "(npm run release -- --redo [<major|minor|patch>] makes the last release again while it is not tagged; " +
        "npm run release -- --abort undoes a release that was stopped part way)\n",
    );
    expect(await changed()).toEqual([]);
  });

  it("releases a project without a package-lock.json, and makes none", async () => {
    await repo.remove("package-lock.json");
    const result = await repo.npm("release", "minor");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(await repo.read("package.json")).version).toBe(MINOR);
    expect(existsSync(join(repo.root, "package-lock.json"))).toBe(false);
  });

  it("names a package-lock.json that is not JSON, in one line, before it changes anything", async () => {
    await repo.write("package-lock.json", '{ "name": "versori-issues-api",\n');
    await repo.commitAll("before");
    const lines = await refusal(release("minor", repo.root));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^package-lock\.json is not valid JSON: /);
    expect(await changed()).toEqual([]);
  });

  it("puts back exactly the files it found when it fails part way, and makes no lockfile", async () => {
    await repo.remove("package-lock.json");
    await repo.commitAll("before");
    const lines = await refusal(
      release("minor", repo.root, {
        onStep: (step) => {
          if (step === "generated: swap openapi.json") throw new Error("no space left on device");
        },
      }),
    );
    expect(lines).toEqual([
      "generated/ was left as it was: writing failed: swap openapi.json: no space left on device",
      "nothing was released: every file is as it was",
    ]);
    expect(await changed()).toEqual([]);
  });
});

describe("a release killed part way", () => {
  it("killed while it regenerates: check:breaking, release and --tag say how to undo it, and --abort does", async () => {
    await repo.commitAll("before");
    const run = await runStopped({ run: "release", root: repo.root, kind: "minor", at: "build" });
    expect(run.signal, run.stderr).toBe("SIGKILL");
    // What the kill left: info.version bumped, no snapshot or changelog yet.
    expect(await repo.read(SPEC)).toMatch(new RegExp(`^ {2}version: ${literally(MINOR)}$`, "m"));

    const gate = await repo.npm("check:breaking");
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe(`${ABORT_LINE}\n`);
    expect(await refusal(release("minor", repo.root))).toEqual([ABORT_LINE]);
    expect(await refusal(tagRelease(repo.root))).toEqual([ABORT_LINE]);

    const abort = await repo.npm("release", "--abort");
    expect(abort.stderr).toBe("");
    expect(abort.code).toBe(0);
    expect(abort.stdout).toBe(
      `undid the release of ${MINOR}: openapi/issues.yaml, package.json, package-lock.json, CHANGELOG.md, ` +
        `generated/ are as they were, and there is no openapi/releases/${MINOR}.json\n`,
    );
    expect(await changed()).toEqual([]);
  });

  it("killed while it swaps generated/ in: --abort puts generated/ back too, and a second --abort has nothing to do", async () => {
    await repo.commitAll("before");
    const run = await runStopped({
      run: "release",
      root: repo.root,
      kind: "minor",
      at: "generated: swap openapi.json",
    });
    expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(await changed()).not.toEqual([]);

    // abortRelease() is what `npm run release -- --abort` prints.
    expect(await abortRelease(repo.root)).toMatch(new RegExp(`^undid the release of ${literally(MINOR)}: `));
    expect(await changed()).toEqual([]);
    expect(await abortRelease(repo.root)).toBe("no release was stopped part way: there is nothing to undo");
    expect((await release("minor", repo.root)).version).toBe(MINOR);
  });
});
