/**
 * generate's write step, stopped at each of its steps: by SIGKILL in a child process, and by a
 * failure in this one. Whatever stops it, generated/ is there, each entry in it is the old
 * output's or the new one's, and the next run finishes the job and clears what was left beside it.
 * Then the real `npm run generate` and `npm run check` on what a killed run left.
 */
import { execFileSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { compareOutputs, readGenerated, writeOutputs } from "../../tools/pipeline/outputs.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import { runStopped } from "../support/stopped.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

// Each kind of change the write step makes: a file changed, one the same, one added, one
// removed, and a folder standing where a file belongs.
const OLD = {
  "issues.ts": "old types\n",
  "openapi.json": "same\n",
  "stale.ts": "no longer produced\n",
  "folder.json/inner.txt": "a folder where a file belongs\n",
};
const NEW = {
  "issues.ts": "new types\n",
  "openapi.json": "same\n",
  "added.json": "new file\n",
  "folder.json": "now a file\n",
};
const newOutputs = () => new Map(Object.entries(NEW));

/** A folder whose generated/ holds the old output. */
async function seeded(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "generated-swap-"));
  for (const [name, content] of Object.entries(OLD)) {
    await mkdir(join(folder, "generated", name, ".."), { recursive: true });
    await writeFile(join(folder, "generated", name), content);
  }
  return folder;
}

let root: string;
beforeEach(async () => {
  root = await seeded();
});
afterEach(() => rm(root, { recursive: true, force: true }));

const oldState = () => new Map<string, string | null>([...Object.entries(OLD), ["folder.json", null]]);
const newState = () => new Map<string, string | null>(Object.entries(NEW));
const same = (a: Map<string, string | null>, b: Map<string, string | null>) =>
  a.size === b.size && [...a].every(([name, content]) => b.has(name) && b.get(name) === content);

/** What generated/ is now: "old", "new" or "mixed", after checking that it is one of them. */
async function expectOldOrNew(root: string): Promise<"old" | "new" | "mixed"> {
  expect((await lstat(join(root, "generated"))).isDirectory()).toBe(true);
  const found = await readGenerated(root);
  const [before, after] = [oldState(), newState()];
  // Each entry is the old output's or the new one's, never something between.
  const foreign = [...found].filter(
    ([name, content]) =>
      !(before.has(name) && before.get(name) === content) &&
      !(after.has(name) && after.get(name) === content),
  );
  expect(foreign).toEqual([]);
  // And no file that both have is missing. A folder standing where a file belongs is moved out
  // before the file can take its place: a file cannot be renamed over a folder.
  const lost = [...before].filter(
    ([name, content]) => content !== null && after.has(name) && !found.has(name),
  );
  expect(lost).toEqual([]);
  if (same(found, before)) return "old";
  if (same(found, after)) return "new";
  // What `npm run check` compares: a mix is drift.
  const drift = compareOutputs(newOutputs(), found, { patches: false });
  expect(drift.changed.length + drift.missing.length + drift.extra.length).toBeGreaterThan(0);
  return "mixed";
}

/** The next run writes the new output and leaves nothing beside generated/. */
async function expectNextRunFinishes(root: string) {
  await writeOutputs(root, newOutputs());
  expect(same(await readGenerated(root), newState())).toBe(true);
  expect(await readdir(root)).toEqual(["generated"]);
}

describe("generate's write step", () => {
  it("leaves generated/ old or new when killed at any of its steps, and the next run finishes it", async () => {
    const steps: string[] = [];
    await writeOutputs(root, newOutputs(), { onStep: (step) => void steps.push(step) });
    expect(steps).toEqual(
      expect.arrayContaining(["swap issues.ts", "set aside folder.json", "remove stale.ts"]),
    );

    // A child process for each step, a few at a time: each spends most of its time starting.
    const states: string[] = [];
    for (let first = 0; first < steps.length; first += 3) {
      const batch = steps.slice(first, first + 3).map(async (step, offset) => {
        const folder = await seeded();
        try {
          const run = await runStopped({ run: "write", root: folder, outputs: NEW, at: first + offset });
          expect(run.signal, `killed at ${step}: ${run.stderr}`).toBe("SIGKILL");
          const state = `${step}: ${await expectOldOrNew(folder)}`;
          await expectNextRunFinishes(folder);
          return state;
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      });
      states.push(...(await Promise.all(batch)));
    }
    // Killed before the first swap it is the old output, killed after the last the new one.
    expect(states[0]).toMatch(/: old$/);
    expect(states.at(-1)).toMatch(/: new$/);
    expect(states.some((state) => state.endsWith(": mixed"))).toBe(true);
  });

  const failAt =
    (...failing: string[]) =>
    (step: string) => {
      if (failing.includes(step)) throw new Error(`no space left at ${step}`);
    };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable("the write succeeded"),
      (error: unknown) => {
        expect(error).toBeInstanceOf(PipelineError);
        return (error as PipelineError).lines;
      },
    );

  it("puts back what it had swapped when a step fails, and says generated/ was left as it was", async () => {
    const lines = await refusal(writeOutputs(root, newOutputs(), { onStep: failAt("remove stale.ts") }));
    expect(lines).toEqual([
      "generated/ was left as it was: writing failed: remove stale.ts: no space left at remove stale.ts",
    ]);
    expect(await expectOldOrNew(root)).toBe("old");
    expect(await readdir(root)).toEqual(["generated"]);
  });

  it("says generated/ is partly written when putting it back fails too, and the next run finishes it", async () => {
    const lines = await refusal(
      writeOutputs(root, newOutputs(), { onStep: failAt("swap folder.json", "undo swap issues.ts") }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^generated\/ is partly written: writing failed \(swap folder\.json: .*\), and putting the old files back failed too \(undo swap issues\.ts: .*\): run `npm run generate` again to finish it$/,
    );
    expect(await expectOldOrNew(root)).toBe("mixed");
    await expectNextRunFinishes(root);
  });

  it("says where it left its staging folder when it cannot remove it, and the next run does", async () => {
    const written = await writeOutputs(root, newOutputs(), { onStep: failAt("clean") });
    expect(written.leftover).toMatch(
      /^generated\.\d+\.swap\/ is left beside it \(.*\); the next run removes it$/,
    );
    expect(await expectOldOrNew(root)).toBe("new");
    await expectNextRunFinishes(root);
  });
});

describe("npm run generate and npm run check after a stopped generate", () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await createTempRepo();
  });
  afterEach(() => repo.dispose());

  const edit = () =>
    repo.edit("openapi/issues.yaml", "description: The title of the issue.", "description: The headline.");
  const generatedFiles = async () =>
    Object.fromEntries(
      await Promise.all(
        (await readdir(join(repo.root, "generated"))).map(async (name) => [
          name,
          await repo.read(`generated/${name}`),
        ]),
      ),
    );
  const besideGenerated = async () =>
    (await readdir(repo.root)).filter((name) => name.startsWith("generated"));

  it("check reports a killed run's half-swapped generated/ as drift; generate finishes it and clears what was left", async () => {
    await repo.commitAll("before");
    await edit();
    const outputs = Object.fromEntries(await buildOutputs({ root: repo.root }));
    // Killed after the first file was swapped in, before the second.
    const run = await runStopped({ run: "write", root: repo.root, outputs, at: "swap openapi.json" });
    expect(run.signal).toBe("SIGKILL");
    // What the old write step left after a kill between its two renames, which no run removed.
    await mkdir(join(repo.root, "generated.99999999.old"));
    await writeFile(join(repo.root, "generated.99999999.old/issues.ts"), "old\n");
    await mkdir(join(repo.root, "generated.99999999.new"));
    // git ignores what stopped runs leave beside generated/.
    expect(await repo.git("status", "--porcelain", "--", ".", ":!node_modules")).toBe(
      "M generated/issues.ts\n M openapi/issues.yaml",
    );

    const check = await repo.npm("check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  changed: generated/openapi.json");

    const generate = await repo.npm("generate");
    expect(generate.stderr).toBe("");
    expect(generate.code).toBe(0);
    expect(generate.stdout).toMatch(/✔ write +generated\/: 2 written, 0 removed/);
    expect(await generatedFiles()).toEqual(outputs);
    expect(await besideGenerated()).toEqual(["generated"]);
  });

  it("with a generated file it cannot replace, it says generated/ was left as it was, and it was", async () => {
    await edit();
    const before = await generatedFiles();
    // As root no mode bit stops a write; an immutable file cannot be replaced even by root.
    // issues.ts is swapped first, then openapi.json fails, so issues.ts has to be put back.
    execFileSync("chattr", ["+i", join(repo.root, "generated/openapi.json")]);
    try {
      const result = await repo.npm("generate");
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^generated\/ was left as it was: writing failed: swap openapi\.json: EPERM: operation not permitted.*\n$/,
      );
    } finally {
      for (const name of await besideGenerated()) execFileSync("chattr", ["-R", "-i", join(repo.root, name)]);
    }
    expect(await generatedFiles()).toEqual(before);
    expect(await besideGenerated()).toEqual(["generated"]);
  });
});
