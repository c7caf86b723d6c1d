/**
 * The breaking-change gate. A corpus of spec edits, each applied to a temp copy of the
 * repository and diffed against the last release once, then judged under several versions; and
 * the real `npm run check:breaking` and `npm run release` on the paths a person takes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { compareOutputs, readGenerated, writeOutputs } from "../../tools/pipeline/outputs.ts";
import { buildOutputs, bundleWorkingSpec } from "../../tools/pipeline/pipeline.ts";
import { PipelineError } from "../../tools/lib/command.ts";
import { checkBreaking, judge } from "../../tools/release/gate.ts";
import { release } from "../../tools/release/release.ts";
import { tagRelease } from "../../tools/release/tag.ts";
import { type Change, diffSince } from "../../tools/release/versions.ts";
import { deref, type Node, operations, spec } from "../spec/load-spec.ts";
import { type Bump, latestRelease, literally, versionAfter, versionBelow } from "../support/spec-facts.ts";
import { createTempRepo, REPO_ROOT, type TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";

/** ListIssues' first query parameter, which the parameter edits change: its component and its name. */
const pageRef: string = (spec.paths["/o/{organisation_id}/issues"].get.parameters as Node[]).find(
  (parameter) => parameter.$ref && deref(parameter).in === "query",
).$ref;
const PAGE_COMPONENT = pageRef.split("/").pop()!;
const PAGE_NAME: string = deref({ $ref: pageRef }).name;

/** The operations that answer with an Issue or a list of them, as the gate names them. */
const returningIssue = operations()
  .filter(({ operation }) =>
    Object.entries(operation.responses as Record<string, Node>).some(([code, response]) => {
      const schema = deref(response).content?.["application/json"]?.schema;
      const target = schema?.items?.$ref ?? schema?.$ref;
      return code.startsWith("2") && target === "#/components/schemas/Issue";
    }),
  )
  .map(({ operation }) => operation.operationId as string);
const RETURNED_BY_ISSUE = `returned by ${returningIssue.slice(0, -1).join(", ")} and ${returningIssue.at(-1)}`;

type Edit = (spec: string) => string;
const replace =
  (from: string, to: string): Edit =>
  (spec) => {
    if (!spec.includes(from)) throw new Error(`the spec does not contain ${JSON.stringify(from)}`);
    return spec.replace(from, to);
  };
const all =
  (...edits: Edit[]): Edit =>
  (spec) =>
    edits.reduce((text, edit) => edit(text), spec);

const edits = {
  "remove a response property": all(
    replace("        - lastSeenAt\n        - seenCount\n", "        - lastSeenAt\n"),
    replace(
      "        seenCount:\n          type: integer\n          description: How many times the issue has been seen, counting the first time.\n",
      "",
    ),
  ),
  "make a response property optional": replace(
    "        - message\n        - title\n        - labels\n",
    "        - message\n        - labels\n",
  ),
  "add a required request property": replace(
    "        - reason\n        - title\n        - severity\n      properties:\n        organisationId:",
    "        - reason\n        - title\n        - severity\n        - message\n      properties:\n        organisationId:",
  ),
  "remove an enum value from a request": replace("enum: [createdAt, lastSeenAt]", "enum: [createdAt]"),
  "add an enum value to a response": replace(
    "enum: [resolved, negated, ignored]",
    "enum: [resolved, negated, ignored, duplicate]",
  ),
  "change a type": replace(
    "        seenCount:\n          type: integer",
    "        seenCount:\n          type: string",
  ),
  "remove an operation": (spec: string) => {
    const start = spec.indexOf("    patch:\n      operationId: UpdateIssue");
    return spec.slice(0, start) + spec.slice(spec.indexOf("\ncomponents:"));
  },
  "add an operation": replace(
    "    patch:\n      operationId: UpdateIssue",
    [
      "    delete:",
      "      operationId: DeleteIssue",
      "      summary: Delete an issue",
      "      description: Deletes an issue.",
      "      responses:",
      '        "204":',
      "          description: Deleted.",
      "    patch:",
      "      operationId: UpdateIssue",
    ].join("\n"),
  ),
  "add an optional request property": replace(
    "        message:\n          type: string\n          description: The detailed message of the issue.\n        labels:",
    "        message:\n          type: string\n          description: The detailed message of the issue.\n        externalRef:\n          type: string\n          description: A reference in another system.\n        labels:",
  ),
  "add a value to a request-only enum": replace(
    "enum: [createdAt, lastSeenAt]",
    "enum: [createdAt, lastSeenAt, resolvedAt]",
  ),
  "rename a component schema": (spec: string) =>
    spec
      .replaceAll("#/components/schemas/Labels", "#/components/schemas/LabelMap")
      .replace("    Labels:\n", "    LabelMap:\n"),
  "make a query parameter required": replace(
    `      name: ${PAGE_NAME}\n      in: query\n      required: false\n`,
    `      name: ${PAGE_NAME}\n      in: query\n      required: true\n`,
  ),
  "rename a path parameter (the same URLs)": (spec: string) =>
    spec
      .replaceAll("/o/{organisation_id}/issues", "/o/{org_id}/issues")
      .replace(
        "    OrganisationId:\n      name: organisation_id\n",
        "    OrganisationId:\n      name: org_id\n",
      ),
  "rename a response component": (spec: string) =>
    spec
      .replaceAll("#/components/responses/NotFound", "#/components/responses/Missing")
      .replace("    NotFound:\n", "    Missing:\n"),
  "rename a parameter component": (spec: string) =>
    spec
      .replaceAll(`#/components/parameters/${PAGE_COMPONENT}`, "#/components/parameters/PageSize")
      .replace(`    ${PAGE_COMPONENT}:\n`, "    PageSize:\n"),
  "move a path-level parameter into each operation (the same API)": (spec: string) =>
    spec
      .replace(
        '  /o/{organisation_id}/issues:\n    parameters:\n      - $ref: "#/components/parameters/OrganisationId"\n    get:',
        "  /o/{organisation_id}/issues:\n    get:",
      )
      .replace(
        `      parameters:\n        - $ref: "#/components/parameters/${PAGE_COMPONENT}"\n`,
        `      parameters:\n        - $ref: "#/components/parameters/OrganisationId"\n        - $ref: "#/components/parameters/${PAGE_COMPONENT}"\n`,
      )
      .replace(
        "      operationId: CreateIssue\n",
        '      operationId: CreateIssue\n      parameters:\n        - $ref: "#/components/parameters/OrganisationId"\n',
      ),
  "change a description": replace(
    "description: The title of the issue.",
    "description: The headline of the issue.",
  ),
};
type Name = keyof typeof edits;
interface Case {
  edit: Name;
  /** The version it is released as, relative to the last release. */
  bump: Bump;
  needs: "major" | "minor" | "patch";
  passes: boolean;
}

const cases: Array<Case & { version: string }> = (
  [
    { edit: "remove a response property", bump: "same", needs: "major", passes: false },
    { edit: "remove a response property", bump: "minor", needs: "major", passes: false },
    { edit: "remove a response property", bump: "major", needs: "major", passes: true },
    { edit: "make a response property optional", bump: "patch", needs: "major", passes: false },
    { edit: "make a response property optional", bump: "major", needs: "major", passes: true },
    { edit: "add a required request property", bump: "minor", needs: "major", passes: false },
    { edit: "add a required request property", bump: "major", needs: "major", passes: true },
    { edit: "remove an enum value from a request", bump: "patch", needs: "major", passes: false },
    { edit: "add an enum value to a response", bump: "minor", needs: "major", passes: false },
    { edit: "add an enum value to a response", bump: "major", needs: "major", passes: true },
    { edit: "remove an enum value from a request", bump: "major", needs: "major", passes: true },
    { edit: "change a type", bump: "same", needs: "major", passes: false },
    { edit: "change a type", bump: "major", needs: "major", passes: true },
    { edit: "rename a component schema", bump: "patch", needs: "major", passes: false },
    { edit: "rename a component schema", bump: "major", needs: "major", passes: true },
    { edit: "remove an operation", bump: "minor", needs: "major", passes: false },
    { edit: "remove an operation", bump: "major", needs: "major", passes: true },
    { edit: "add an operation", bump: "patch", needs: "minor", passes: false },
    { edit: "add an operation", bump: "minor", needs: "minor", passes: true },
    { edit: "add an optional request property", bump: "same", needs: "minor", passes: false },
    { edit: "add an optional request property", bump: "minor", needs: "minor", passes: true },
    { edit: "add a value to a request-only enum", bump: "patch", needs: "minor", passes: false },
    { edit: "add a value to a request-only enum", bump: "minor", needs: "minor", passes: true },
    { edit: "make a query parameter required", bump: "minor", needs: "major", passes: false },
    { edit: "make a query parameter required", bump: "major", needs: "major", passes: true },
    { edit: "rename a path parameter (the same URLs)", bump: "patch", needs: "major", passes: false },
    { edit: "rename a path parameter (the same URLs)", bump: "major", needs: "major", passes: true },
    { edit: "rename a response component", bump: "patch", needs: "major", passes: false },
    { edit: "rename a response component", bump: "major", needs: "major", passes: true },
    { edit: "rename a parameter component", bump: "minor", needs: "major", passes: false },
    { edit: "rename a parameter component", bump: "major", needs: "major", passes: true },
    {
      edit: "move a path-level parameter into each operation (the same API)",
      bump: "patch",
      needs: "patch",
      passes: true,
    },
    {
      edit: "move a path-level parameter into each operation (the same API)",
      bump: "same",
      needs: "patch",
      passes: false,
    },
    { edit: "change a description", bump: "same", needs: "patch", passes: false },
    { edit: "change a description", bump: "patch", needs: "patch", passes: true },
    { edit: "change a description", bump: "major", needs: "patch", passes: true },
  ] satisfies Case[]
).map((entry) => ({ ...entry, version: versionAfter(entry.bump) }));

let repo: TempRepo;
const withRepo = () => {
  beforeEach(async () => {
    repo = await createTempRepo();
  });
  afterEach(() => repo.dispose());
};
const ORIGINAL = await readFile(join(REPO_ROOT, SPEC), "utf8");
// The last release, which every edit is diffed against, and the versions around it.
const RELEASE = latestRelease();
const RELEASED = RELEASE.version;
const [PATCH, MINOR, MAJOR] = [versionAfter("patch"), versionAfter("minor"), versionAfter("major")];
const NO_CHANGES = `✔ no API changes since ${RELEASED} (${RELEASE.file})`;

async function setVersion(version: string, packageVersion = version) {
  await repo.write(
    SPEC,
    (await repo.read(SPEC)).replace(/^(info:\n(?:[ \t].*\n)*?[ \t]+version:[ \t]*)\S+/m, `$1${version}`),
  );
  const pkg = JSON.parse(await repo.read("package.json"));
  await repo.write("package.json", `${JSON.stringify({ ...pkg, version: packageVersion }, null, 2)}\n`);
}

/** Each edit's changes since the last release, diffed once: the version changes only the verdict. */
const changesOf = new Map<Name, Promise<Change[]>>();
function changesAfter(edit: Name): Promise<Change[]> {
  let changes = changesOf.get(edit);
  if (!changes) {
    changes = (async () => {
      const local = await createTempRepo();
      try {
        await local.write(SPEC, edits[edit](await local.read(SPEC)));
        return await diffSince(RELEASE.file, await bundleWorkingSpec(local.root), local.root);
      } finally {
        await local.dispose();
      }
    })();
    changesOf.set(edit, changes);
  }
  return changes;
}

describe.concurrent(
  "the gate's verdict on each edit (the diff and verdict of npm run check:breaking)",
  () => {
    it("has a corpus of at least 12 edits", () => {
      expect(Object.keys(edits).length).toBeGreaterThanOrEqual(12);
      expect(cases.length).toBeGreaterThanOrEqual(12);
    });

    it.each(cases)(
      "$edit, released as $version: needs $needs, passes: $passes",
      async ({ edit, version, needs, passes }) => {
        const verdict = judge(await changesAfter(edit), RELEASE, version);
        const report = verdict.report.join("\n");
        expect(report).toMatch(new RegExp(`^${needs} `, "m"));
        expect(verdict.passed).toBe(passes);
        if (passes) {
          expect(verdict.problems).toEqual([]);
          expect(report).toMatch(
            new RegExp(`✔ .* need a ${needs} release; ${version.replace(/\./g, "\\.")} is one`),
          );
        } else {
          const problems = verdict.problems.join("\n");
          expect(problems).toMatch(
            new RegExp(
              `✘ .* need a ${needs} release, version \\d+\\.\\d+\\.\\d+; info\\.version is ${version.replace(/\./g, "\\.")}`,
            ),
          );
          expect(problems).toContain(`npm run release -- ${needs}`);
        }
      },
    );
  },
);

it("names a parameter that a change is about, through its $ref", async () => {
  const [change] = await changesAfter("make a query parameter required");
  expect(change?.where).toBe(`ListIssues, query parameter \`${PAGE_NAME}\``);
});

it("says each change in the direction that matters: what responses may now hold, what callers must send", async () => {
  const optional = await changesAfter("make a response property optional");
  expect(optional[0]?.what).toContain("Responses may now leave it out");
  const required = await changesAfter("add a required request property");
  expect(required[0]?.what).toContain("Callers must now send it");
  const added = await changesAfter("add an optional request property");
  expect(added[0]?.what).toBe("`CreateIssue.externalRef` added: callers may now send it.");
});

it("says why a renamed component or path parameter breaks consumers, and names no undefined parameter", async () => {
  const renamed = await changesAfter("rename a response component");
  expect(renamed).toContainEqual({
    impact: "major",
    where: "exported types",
    what: "`ResponseNotFound` is now `ResponseMissing`: the component `NotFound` was renamed to `Missing`. Code that imports the old name no longer compiles.",
  });
  const paths = await changesAfter("rename a path parameter (the same URLs)");
  expect(paths.map((change) => change.where)).toContain('paths["/o/{organisation_id}/issues"]');
  const moved = await changesAfter("move a path-level parameter into each operation (the same API)");
  expect(moved.every((change) => change.impact === "patch" && !change.where.includes("undefined"))).toBe(
    true,
  );
});

describe("the gate's other checks", () => {
  withRepo();
  // What check:breaking prints: its report on stdout, its problems or a PipelineError's lines on
  // stderr, as they are (tools/lib/command.ts), one line each.
  const gateOn = (released = false) => checkBreaking({ root: repo.root, released });
  const refusal = (released = false) =>
    gateOn(released).then(
      () => expect.unreachable("the gate accepted it"),
      (error: unknown) => {
        expect(error).toBeInstanceOf(PipelineError);
        return (error as PipelineError).lines;
      },
    );

  it("npm run check:breaking passes with no changes since the last release", async () => {
    const result = await repo.npm("check:breaking");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`${NO_CHANGES}\n`);
  });

  it("counts a version bump alone as no change to the API", async () => {
    await setVersion(PATCH);
    expect(await gateOn()).toEqual({
      passed: true,
      report: [NO_CHANGES],
      problems: [],
    });
  });

  it.each([
    [versionBelow(), `info.version ${versionBelow()} is lower than the last release, ${RELEASED}`],
    [`v${PATCH}`, `openapi/issues.yaml info.version: "v${PATCH}" is not a version of the form 1.2.3`],
    [`${PATCH}-rc.1`, `openapi/issues.yaml info.version: "${PATCH}-rc.1" is not a version of the form 1.2.3`],
  ])("refuses info.version %s, in one line", async (version, message) => {
    await setVersion(version);
    expect(await refusal()).toEqual([message]);
  });

  it("fails when package.json and info.version disagree", async () => {
    await setVersion(RELEASED, PATCH);
    expect(await refusal()).toEqual([
      `package.json's version ${PATCH} and openapi/issues.yaml's info.version ${RELEASED} disagree: they must be equal`,
    ]);
  });

  it("before publishing, npm run check:breaking -- --released refuses a version that no release recorded", async () => {
    await setVersion(MAJOR);
    expect((await gateOn()).passed).toBe(true);
    const result = await repo.npm("check:breaking", "--released");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${MAJOR} has no release snapshot (the newest is ${RELEASED})`);
    const pkg = JSON.parse(await repo.read("package.json"));
    expect(pkg.scripts.prepublishOnly).toContain("check:breaking -- --released");
  });

  it("npm run check:breaking names why a breaking change breaks consumers, and where", async () => {
    await repo.write(SPEC, edits["remove a response property"](await repo.read(SPEC)));
    const result = await repo.npm("check:breaking");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `major  \`Issue\`, ${RETURNED_BY_ISSUE}: Property \`seenCount\` of \`Issue\` was removed. Responses no longer include it: code that reads it no longer compiles`,
    );
    expect(result.stderr).toContain(
      `need a major release, version ${MAJOR}; info.version is ${RELEASED} (no bump)`,
    );
    expect(result.stderr).toContain("Run `npm run release -- major`");
  });
});

describe("npm run release", () => {
  withRepo();
  it("bumps both versions, regenerates, snapshots, writes the changelog and says what comes next", async () => {
    await repo.commitAll("before-release");
    await repo.write(SPEC, edits["add an optional request property"](await repo.read(SPEC)));
    await writeOutputs(repo.root, await buildOutputs({ root: repo.root })); // npm run generate's work

    const result = await repo.npm("release", "minor");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("next:\n");
    expect(result.stdout).toContain(`git add -A && git commit -m "Release ${MINOR}"`);
    expect(result.stdout).toContain("npm run release -- --tag");
    expect(JSON.parse(await repo.read("package.json")).version).toBe(MINOR);
    const lock = JSON.parse(await repo.read("package-lock.json"));
    expect([lock.version, lock.packages[""].version]).toEqual([MINOR, MINOR]);
    expect(await repo.read(SPEC)).toMatch(
      new RegExp(`^info:\\n(?:[ \\t].*\\n)*?[ \\t]+version: ${literally(MINOR)}$`, "m"),
    );
    expect(JSON.parse(await repo.read(`openapi/releases/${MINOR}.json`)).info.version).toBe(MINOR);
    const changelog = await repo.read("CHANGELOG.md");
    expect(changelog.indexOf(`## ${MINOR}`)).toBeLessThan(changelog.indexOf(`## ${RELEASED}`));
    expect(changelog).toMatch(
      /### New\n\n- `CreateIssue`, sent by CreateIssue: `CreateIssue\.externalRef` added: callers may now send it\.\n/,
    );

    // Both gates pass on the release: check:breaking's and check's own functions.
    expect((await checkBreaking({ root: repo.root })).passed).toBe(true);
    const drift = compareOutputs(await buildOutputs({ root: repo.root }), await readGenerated(repo.root));
    expect([...drift.changed, ...drift.missing, ...drift.extra]).toEqual([]);

    // Then --tag, which tags the committed release once. tagRelease() is what it calls; its
    // refusals are checked in this process, and the real command once, where it tags.
    const refusal = (error: unknown) => (error instanceof PipelineError ? error.lines.join("\n") : error);
    expect(await tagRelease(repo.root).catch(refusal)).toBe(
      "the working tree has changes: commit the release first, then tag it",
    );

    await repo.git("add", "--all");
    await repo.git("commit", "--quiet", "--message", `Release ${MINOR}`);
    const tagged = await repo.npm("release", "--tag");
    expect(tagged.stderr).toBe("");
    const tag = `v${MINOR}`;
    expect(tagged.stdout).toMatch(
      new RegExp(
        `^tagged ${literally(tag)} at \\w+\\npush it, and the publish workflow starts: git push origin ${literally(tag)}\\n$`,
      ),
    );
    expect(await repo.git("cat-file", "-t", tag)).toBe("tag"); // annotated
    expect(await repo.git("rev-parse", `${tag}^{commit}`)).toBe(await repo.git("rev-parse", "HEAD"));

    expect(await tagRelease(repo.root).catch(refusal)).toContain(`${tag} exists already`);
  });

  it("puts breaking changes first, marked, and refuses a bump too small for them", async () => {
    await repo.write(
      SPEC,
      all(edits["make a response property optional"], edits["add an optional request property"])(ORIGINAL),
    );
    // release() is what npm run release calls; its PipelineError's lines are what it prints.
    const refused = await release("minor", repo.root).catch((error: PipelineError) => error.lines.join("\n"));
    expect(refused).toContain("these changes need a major release, not a minor one");
    expect(JSON.parse(await repo.read("package.json")).version).toBe(RELEASED);

    expect((await release("major", repo.root)).report).toMatch(
      new RegExp(`^released ${literally(MAJOR)}: 2 change\\(s\\)`),
    );
    const changelog = await repo.read("CHANGELOG.md");
    const entry = changelog.slice(changelog.indexOf(`## ${MAJOR}`), changelog.indexOf(`## ${RELEASED}`));
    expect(entry).toMatch(
      new RegExp(
        `### Breaking changes\\n\\n- \\*\\*BREAKING\\*\\* \`Issue\`, ${RETURNED_BY_ISSUE}: .*\`title\``,
      ),
    );
    expect(entry.indexOf("### Breaking changes")).toBeLessThan(entry.indexOf("### New"));
  });

  it("changes nothing when the release cannot be built", async () => {
    // A lint error that changes nothing in the API: a property without its description.
    await repo.write(SPEC, ORIGINAL.replace("          description: What is wrong with the field.\n", ""));
    const before = await Promise.all(
      ["package.json", "package-lock.json", "CHANGELOG.md", SPEC].map((file) => repo.read(file)),
    );
    const refused = await release("patch", repo.root).catch((error: PipelineError) => error.lines.join("\n"));
    expect(refused).toMatch(/^openapi\/issues\.yaml:\d+:\d+ issues\/property-description /m);
    const after = await Promise.all(
      ["package.json", "package-lock.json", "CHANGELOG.md", SPEC].map((file) => repo.read(file)),
    );
    expect(after).toEqual(before);
    await expect(repo.read(`openapi/releases/${PATCH}.json`)).rejects.toThrow();
  });
});
