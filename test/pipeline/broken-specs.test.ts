/**
 * A corpus of broken specs, each in a temp copy of the repository. The pipeline must refuse each
 * one, saying what is wrong at which file:line with no stack trace; and the real
 * `npm run generate` must exit 1 with that report and leave generated/ exactly as it was.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { buildOutputs } from "../../tools/pipeline/pipeline.ts";
import type { RunResult } from "../support/run.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";
// The spec's own `info.version` line, whatever the release: these cases break that line.
const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
const VERSION_LINE = `  version: ${version}\n`;
const WORKFLOWS = "openapi/workflows/issues.arazzo.yaml";

/** A folder outside every temp copy of the repository, for files that a broken spec refers to. */
const OUTSIDE = await mkdtemp(join(tmpdir(), "outside-the-repository-"));
afterAll(() => rm(OUTSIDE, { recursive: true, force: true }));
await writeFile(join(OUTSIDE, "title.yaml"), "type: string\ndescription: Not tracked by git.\n");
await writeFile(join(OUTSIDE, "run.yaml"), "type: object\ndescription: Not tracked by git.\n");

const TITLE = "        title:\n          type: string\n          description: The title of the issue.\n";
/** The spec's Issue.title, as a reference to `ref`: nothing else for the lint to find. */
const titleRef = (ref: string) =>
  edit(TITLE, `        title:\n          $ref: "${ref}"\n          description: The title of the issue.\n`);

interface BrokenSpec {
  name: string;
  break(repo: TempRepo): Promise<void>;
  /** The rule the report must name. */
  rule: string;
  /** Text on the line the report must point at (its first occurrence in the broken file). */
  at: string;
  /** The broken file, when it is not the spec. */
  file?: string;
  /** Text the reported line must hold after the rule, when the rule's name alone is not enough. */
  says?: string;
}

const edit = (from: string, to: string) => (repo: TempRepo) => repo.edit(SPEC, from, to);

/** Adds a string schema named `name` (marked `# clash`), used by Issue.statusAlias so that it is not unused. */
const addSchema = (name: string) => async (repo: TempRepo) => {
  await repo.edit(
    SPEC,
    "  schemas:\n    Ulid:",
    `  schemas:\n    ${name}: # clash\n      type: string\n      description: A clash.\n    Ulid:`,
  );
  await repo.edit(
    SPEC,
    "          description: How many times the issue has been seen, counting the first time.\n",
    "          description: How many times the issue has been seen, counting the first time.\n" +
      `        statusAlias:\n          $ref: "#/components/schemas/${name}"\n          description: A clash.\n`,
  );
};

const corpus: BrokenSpec[] = [
  {
    name: "YAML syntax error (bad indentation)",
    break: edit(VERSION_LINE, ` ${VERSION_LINE}`),
    rule: "yaml-syntax",
    at: `   version: ${version}`,
  },
  {
    name: "duplicate YAML key",
    break: edit(VERSION_LINE, `${VERSION_LINE}  version: 99.0.0\n`),
    rule: "yaml-syntax",
    at: "version: 99.0.0",
  },
  {
    name: "empty document",
    break: (repo) => repo.write(SPEC, ""),
    rule: "document-structure",
    at: "",
  },
  {
    name: "dangling $ref",
    break: edit('$ref: "#/components/schemas/ErrorField"', '$ref: "#/components/schemas/ErrorFeild"'),
    rule: "no-unresolved-refs",
    at: "ErrorFeild",
    says: "#/components/schemas/ErrorFeild does not exist: did you mean ErrorField?",
  },
  {
    name: "$ref to a misspelt parameter",
    break: edit('$ref: "#/components/parameters/First"', '$ref: "#/components/parameters/Frist"'),
    rule: "no-unresolved-refs",
    at: "Frist",
    says: "#/components/parameters/Frist does not exist: did you mean First?",
  },
  {
    name: "duplicate operationId",
    break: edit("operationId: UpdateIssue", "operationId: CreateIssue # duplicate"),
    rule: "operation-operationId-unique",
    at: "CreateIssue # duplicate",
  },
  {
    name: "path parameter that no parameter declares",
    break: edit(
      "/o/{organisation_id}/issues/{issue_id}:",
      "/o/{organisation_id}/issues/{issue_id}/{comment_id}:",
    ),
    rule: "path-parameters-defined",
    at: "    patch:",
  },
  {
    name: "response example that breaks its schema",
    break: edit("seenCount: 4\n", 'seenCount: "four" # broken\n'),
    rule: "no-invalid-media-type-examples",
    at: "# broken",
  },
  {
    name: "response example with a field the schema does not have",
    break: edit("seenCount: 4\n", "seenCount: 4\n                      assignee: someone # broken\n"),
    rule: "no-invalid-media-type-examples",
    at: "assignee: someone",
  },
  {
    name: "parameter example that is not a ULID",
    break: edit("example: 01M7YH1P1GBZ3K5XSB17ZQD65W", "example: not-a-ulid"),
    rule: "no-invalid-parameter-examples",
    at: "example: not-a-ulid",
  },
  {
    name: "misspelt type",
    break: edit("        title:\n          type: string\n", "        title:\n          type: strng\n"),
    rule: "struct",
    at: "type: strng",
  },
  {
    // Reported in the file as written: the lint must not see the copy the bundle makes of it.
    name: "misspelt type in a file the spec refers to",
    break: async (repo) => {
      await repo.write("openapi/title.yaml", "type: strng\ndescription: The title of the issue.\n");
      await repo.edit(
        SPEC,
        "        title:\n          type: string\n          description: The title of the issue.\n",
        '        title:\n          $ref: "./title.yaml"\n',
      );
    },
    rule: "struct",
    at: "type: strng",
    file: "openapi/title.yaml",
  },
  {
    name: "unknown keyword in a schema",
    break: edit(
      "        title:\n          type: string\n",
      "        title:\n          type: string\n          maxLenght: 80\n",
    ),
    rule: "struct",
    at: "maxLenght: 80",
  },
  {
    name: "OpenAPI 3.0 nullable keyword in a 3.1 document",
    break: edit(
      '        resolvedAt:\n          type: [string, "null"]',
      "        resolvedAt:\n          type: string\n          nullable: true",
    ),
    rule: "struct",
    at: "nullable: true",
  },
  {
    name: "info without a version",
    break: edit(VERSION_LINE, ""),
    rule: "struct",
    at: "info:",
  },
  {
    name: "schema property without a description",
    break: edit(
      "        message:\n          type: string\n          description: What is wrong with the field.\n",
      "        message: # undescribed\n          type: string\n",
    ),
    rule: "issues/property-description",
    at: "message: # undescribed",
  },
  {
    name: "$ref property without a description of its own",
    break: edit(
      '        status:\n          $ref: "#/components/schemas/IssueStatus"\n          description: Where the issue is in its lifecycle.\n',
      '        status: # undescribed\n          $ref: "#/components/schemas/IssueStatus"\n',
    ),
    rule: "issues/property-description",
    at: "status: # undescribed",
  },
  {
    name: "misspelt rule in redocly.yaml",
    break: (repo) =>
      repo.edit("redocly.yaml", "  operation-4xx-response: error", "  operation-4xx-respons: error"),
    rule: "configuration-struct",
    at: "operation-4xx-respons:",
    file: "redocly.yaml",
  },
  {
    name: "operationId that is not PascalCase",
    break: edit("operationId: ListIssues", "operationId: listIssues"),
    rule: "rule/operation-id-pascal-case",
    at: "listIssues",
  },
  {
    name: "operation without a 4xx response",
    break: edit(
      "    patch:\n",
      [
        "    delete:",
        "      operationId: DeleteIssue",
        "      tags: [issues]",
        "      summary: Delete an issue",
        "      description: Deletes an issue.",
        "      responses: # only 204",
        '        "204":',
        "          description: Deleted.",
        "    patch:",
        "",
      ].join("\n"),
    ),
    rule: "operation-4xx-response",
    at: "# only 204",
  },
  {
    name: "request body without an example",
    break: edit(
      '          application/json:\n            schema:\n              $ref: "#/components/schemas/UpdateIssue"\n            examples:',
      '          application/json: # no example\n            schema:\n              $ref: "#/components/schemas/UpdateIssue"\n            x-samples:',
    ),
    rule: "rule/media-type-example",
    at: "# no example",
  },
  {
    name: "security requirement naming an undefined scheme",
    break: edit("  - cookieAuth: []", "  - sessionAuth: []"),
    rule: "security-defined",
    at: "sessionAuth",
  },
  {
    name: "component that nothing uses",
    break: edit(
      "  schemas:\n    Ulid:",
      "  schemas:\n    Unused:\n      type: string\n      description: Nothing refers to this.\n    Ulid:",
    ),
    rule: "no-unused-components",
    at: "    Unused:",
  },
  {
    name: "YAML alias bomb (ten levels of ten aliases, under 1 KB)",
    break: edit(
      "info:\n",
      [
        "info:",
        "  x-bomb:",
        "    a0: &a0 [x, x, x, x, x, x, x, x, x, x]",
        ...Array.from(
          { length: 9 },
          (_, level) => `    a${level + 1}: &a${level + 1} [${Array(10).fill(`*a${level}`).join(", ")}]`,
        ),
        "",
      ].join("\n"),
    ),
    rule: "yaml-aliases",
    at: "*a0",
  },
  {
    name: "reference to a remote file",
    break: edit(
      "        title:\n          type: string\n",
      '        title:\n          $ref: "https://schemas.example.com/title.yaml"\n',
    ),
    rule: "no-unresolved-refs",
    at: "https://schemas.example.com/title.yaml",
  },
  {
    // Outside the repository, the build would depend on a file that git does not track.
    name: "reference to a file outside the repository",
    break: titleRef(join(OUTSIDE, "title.yaml")),
    rule: "no-unresolved-refs",
    at: join(OUTSIDE, "title.yaml"),
  },
  {
    name: "reference to a link in openapi/ that leads outside the repository",
    break: async (repo) => {
      await symlink(join(OUTSIDE, "title.yaml"), join(repo.root, "openapi/title.yaml"));
      await titleRef("./title.yaml")(repo);
    },
    rule: "no-unresolved-refs",
    at: "./title.yaml",
  },
  {
    name: "reference in the workflows to a file outside the repository",
    break: (repo) =>
      repo.edit(WORKFLOWS, '$ref: "#/components/inputs/run"', `$ref: "${join(OUTSIDE, "run.yaml")}"`),
    rule: "no-unresolved-refs",
    at: join(OUTSIDE, "run.yaml"),
    file: WORKFLOWS,
  },
  {
    // Bytes that the yaml package reads as a mapping with a sequence for a key, which it warns
    // about on stderr: only the problem line may be printed.
    name: "spec that holds binary bytes",
    break: (repo) =>
      writeFile(
        join(repo.root, SPEC),
        Buffer.from("\x89PNG: &a\n  [\xff\xfe\x01garbage\x00]: x\n", "latin1"),
      ),
    rule: "yaml-syntax",
    at: "garbage",
  },
  {
    name: "two schemas that generate the same exported type",
    break: addSchema("issueStatus"),
    rule: "export-name-clash",
    at: "issueStatus: # clash",
  },
  {
    name: "a schema named like another component's exported type",
    break: addSchema("ResponseNotFound"),
    rule: "export-name-clash",
    // The report points at the component that lost its export, and names both.
    at: "    NotFound:",
  },
  {
    name: "placeholder server URL",
    break: edit("https://platform-staging.versori.com/api/v2", "https://api.example.com/v2"),
    rule: "rule/no-placeholder-server",
    at: "api.example.com",
  },
];

/** Every file under generated/, keyed by name, as raw bytes. */
async function snapshot(root: string): Promise<Map<string, Buffer>> {
  const dir = join(root, "generated");
  const names = (await readdir(dir, { recursive: true })).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`the broken spec does not contain ${JSON.stringify(needle)}`);
  return text.slice(0, index).split("\n").length;
}

/**
 * What `npm run generate` prints on stderr for a broken spec: the lines of the PipelineError that
 * the pipeline rejects with, which the command prints as they are (tools/lib/command.ts).
 */
async function reportOf(repo: TempRepo): Promise<string> {
  const error = await buildOutputs({ root: repo.root }).then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(PipelineError);
  return `${(error as PipelineError).lines.join("\n")}\n`;
}

function expectReported(report: string, file: string, line: number, rule: string, says?: string) {
  expect(report).toMatch(new RegExp(`^${file}:${line}:\\d+ ${rule.replace("/", "\\/")} \\S`, "m"));
  if (says) {
    // The rule and its message, on the lines at the place: `file:line:col rule message`.
    const atThePlace = report.split("\n").filter((reported) => reported.startsWith(`${file}:${line}:`));
    expect(atThePlace.map((reported) => reported.slice(reported.indexOf(" ") + 1))).toContain(
      `${rule} ${says}`,
    );
  }
  expect(report).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(report).not.toMatch(/node:internal|node_modules\//);
}

describe.concurrent("the pipeline on a broken spec", () => {
  it("has a corpus of at least 12 cases", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
  });

  // In this process, through the pipeline's own function: a process per case cost 3 s of CPU.
  it.each(corpus)("$name", async ({ break: breakSpec, rule, at, file = SPEC, says }) => {
    const repo = await createTempRepo();
    try {
      await breakSpec(repo);
      expectReported(await reportOf(repo), file, lineOf(await repo.read(file), at), rule, says);
    } finally {
      await repo.dispose();
    }
  });
});

// The real command on one case of each kind (the YAML cannot be read; redocly.yaml is wrong; a
// lint rule fails; the YAML would expand beyond reason; a file outside the repository; binary
// bytes, which must print nothing but the problem): its exit code, its stderr, and generated/ left byte for byte as it was.
describe.concurrent("npm run generate on a broken spec", () => {
  it.each(
    corpus.filter(({ name }) =>
      [
        "YAML syntax error (bad indentation)",
        "misspelt rule in redocly.yaml",
        "misspelt type",
        "YAML alias bomb (ten levels of ten aliases, under 1 KB)",
        "reference to a file outside the repository",
        "spec that holds binary bytes",
      ].includes(name),
    ),
  )("$name", async ({ break: breakSpec, rule, at, file = SPEC }) => {
    const repo = await createTempRepo();
    try {
      const before = await snapshot(repo.root);
      await breakSpec(repo);
      const line = lineOf(await repo.read(file), at);

      const result = await repo.npm("generate");

      expect(result.code).toBe(1);
      expectReported(result.stdout + result.stderr, file, line, rule);
      expect(result.stderr).toBe(await reportOf(repo));
      expect(await snapshot(repo.root)).toEqual(before);
    } finally {
      await repo.dispose();
    }
  });
});

/** `npm run generate`'s own command in `root`, killed if it runs longer than `ms`. */
function generateWithin(root: string, ms: number): Promise<RunResult & { killed: boolean }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["tools/launch/run.mjs", "generate"],
      { cwd: root, timeout: ms, killSignal: "SIGKILL", env: { ...process.env, FORCE_COLOR: "0", DEBUG: "" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr, killed: error?.killed ?? false });
      },
    );
  });
}

describe("npm run generate on a reference to a file it cannot read whole", () => {
  // Reading a FIFO waits for a writer that never comes: run in a child of its own, bounded.
  it("refuses a FIFO in the repository at once, where reading it would wait forever", async () => {
    const repo = await createTempRepo();
    try {
      await promisify(execFile)("mkfifo", [join(repo.root, "openapi/title.yaml")]);
      await titleRef("./title.yaml")(repo);
      const before = await snapshot(repo.root);

      const result = await generateWithin(repo.root, 30_000);

      expect(result.killed).toBe(false);
      expect(result.code).toBe(1);
      expectReported(
        result.stderr,
        SPEC,
        lineOf(await repo.read(SPEC), "./title.yaml"),
        "no-unresolved-refs",
      );
      expect(result.stderr).toContain("openapi/title.yaml is not a regular file but a FIFO");
      expect(await snapshot(repo.root)).toEqual(before);
    } finally {
      await repo.dispose();
    }
  });
});
