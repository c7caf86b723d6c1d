/**
 * `npm run check:upstream`: Versori's description, as a fixture that states today's upstream
 * facts (those of the recorded copy, openapi/upstream/platform-api.yaml), passes; each kind of
 * upstream change, made to a copy of it, fails with the right line. The differences file is
 * checked, and is what the docs' "Known discrepancies" section is rendered from.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import {
  DISCREPANCIES_HEADING,
  parseKnownDifferences,
  readKnownDifferences,
} from "../../tools/pipeline/known-differences.ts";
import { compareOutputs, readGenerated } from "../../tools/pipeline/outputs.ts";
import { buildOutputs, bundleWorkingSpec } from "../../tools/pipeline/pipeline.ts";
import { checkUpstream, judgeDifferences } from "../../tools/upstream/check.ts";
import { compareWireFacts } from "../../tools/upstream/compare.ts";
import { loadRecorded } from "../../tools/upstream/recorded.ts";
import { refusalLines } from "../support/failure.ts";
import { enumValues, undeclaredField } from "../support/spec-facts.ts";
import { createTempRepo, REPO_ROOT } from "../support/temp-repo.ts";

const FIXTURE = join(REPO_ROOT, "test/upstream/fixtures/platform-api.yaml");
const UPSTREAM = readFileSync(FIXTURE, "utf8");
const known = (await readKnownDifferences(REPO_ROOT)).known;
const ours = (await bundleWorkingSpec(REPO_ROOT)) as unknown as Record<string, unknown>;
/** The listed difference about the severities, which ours has and upstream lacks. */
const SEVERITIES_LISTED = known
  .flatMap((entry) => entry.differences)
  .filter((line) => line.startsWith("upstream lacks ") && line.endsWith(" in `IssueSeverityEnum`"));

const recorded = await loadRecorded(REPO_ROOT);
/** What upstream's change is judged against: the recorded copy's differences from our spec. */
const baseline = (upstream: Record<string, unknown>) => ({
  recorded: compareWireFacts(recorded, ours),
  moved: compareWireFacts(upstream, recorded, { oursTaggedOnly: true }),
});

/** The check's problem lines for an upstream document's text, without its closing advice. */
function problemsFor(text: string): string[] {
  const upstream = parse(text);
  const verdict = judgeDifferences(
    compareWireFacts(upstream, ours),
    known,
    "upstream.yaml",
    baseline(upstream),
  );
  return verdict.problems.slice(0, -1);
}

const replace = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`the fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
};

/** The fixture's Issue schema, for edits that must land there and not in CreateIssue. */
const inIssue = (from: string, to: string) => (text: string) => {
  const start = text.indexOf("    Issue:\n");
  const end = text.indexOf("    CreateIssue:\n");
  const part = text.slice(start, end);
  if (!part.includes(from)) throw new Error(`Issue does not contain ${JSON.stringify(from)}`);
  return text.slice(0, start) + part.replace(from, to) + text.slice(end);
};

const LIST = "`GET /o/{organisation_id}/issues`";
const GONE = "✘ a listed difference no longer exists upstream: ";

describe("today's upstream facts", () => {
  it("pass: upstream has not moved since it was recorded", async () => {
    const verdict = await checkUpstream({ source: FIXTURE });
    expect(verdict.problems).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.report.slice(0, 2)).toEqual([
      `compared the issue operations of ${FIXTURE} with ours: ${compareWireFacts(parse(UPSTREAM), ours).length} difference(s)`,
      "✔ Versori's description has not changed since openapi/upstream/platform-api.yaml was recorded",
    ]);
  });

  it("the recorded copy states the same wire facts as the fixture", () => {
    expect(compareWireFacts(parse(UPSTREAM), recorded, { oursTaggedOnly: true })).toEqual([]);
  });

  it("with the list in step with our spec, says so", () => {
    const found = compareWireFacts(recorded, ours);
    const inStep = [{ reason: "all", differences: found }];
    expect(judgeDifferences(found, inStep, "x.yaml", { recorded: found, moved: [] }).report.at(-1)).toBe(
      `✔ only the ${found.length} difference(s) that openapi/upstream-differences.yaml lists, each with its reason`,
    );
  });

  it("a change of Versori's that the list already covers passes, and asks for the copy to be saved", () => {
    const upstream = parse(
      UPSTREAM.replace("enum: [high, low, medium]", "enum: [high, low, medium, blocker]"),
    );
    const found = compareWireFacts(upstream, ours);
    const covering = [
      ...known,
      { reason: "blocker", differences: ["upstream adds `blocker` to `IssueSeverityEnum`"] },
    ];
    const verdict = judgeDifferences(found, covering, "x.yaml", baseline(upstream));
    expect(verdict.passed).toBe(true);
    expect(verdict.report).toContain("  upstream adds `blocker` to `IssueSeverityEnum`");
    expect(verdict.report).toContain(
      "✔ the differences it lists cover them: save upstream's description as openapi/upstream/platform-api.yaml",
    );
  });

  it("an operation of another tag is not compared", () => {
    expect(
      problemsFor(UPSTREAM.replace("operationId: ListProjects", "operationId: ListAllProjects")),
    ).toEqual([]);
  });
});

describe("each kind of upstream change fails with its own line", () => {
  const cases: [string, (text: string) => string, string[]][] = [
    [
      "an enum value added",
      replace("enum: [high, low, medium]", "enum: [high, low, medium, urgent]"),
      ["✘ upstream adds `urgent` to `IssueSeverityEnum`"],
    ],
    [
      "the severities ours has, such as `critical`, added upstream too",
      replace("enum: [high, low, medium]", `enum: [${enumValues("IssueSeverity").join(", ")}]`),
      SEVERITIES_LISTED.map((line) => GONE + line),
    ],
    [
      "an enum value removed",
      replace("enum: [resolved, negated, ignored]", "enum: [resolved, negated]"),
      ["✘ upstream lacks `ignored` in `IssueResolutionStatusEnum`"],
    ],
    [
      "an operation added",
      replace(
        "    patch:\n      operationId: UpdateIssue",
        "    delete:\n      operationId: DeleteIssue\n      tags: [issues]\n      responses:\n        default:\n          description: Error\n    patch:\n      operationId: UpdateIssue",
      ),
      ["✘ upstream adds `DELETE /o/{organisation_id}/issues/{issue_id}` (DeleteIssue)"],
    ],
    [
      "an operation renamed",
      replace("operationId: ListIssues", "operationId: ListOrganisationIssues"),
      [`✘ upstream names ${LIST} \`ListOrganisationIssues\`, ours \`ListIssues\``],
    ],
    [
      "a property added",
      inIssue(
        "        seenCount:\n",
        `        ${undeclaredField("Issue")}:\n          type: string\n        seenCount:\n`,
      ),
      [`✘ upstream adds property \`${undeclaredField("Issue")}\` to \`Issue\``],
    ],
    [
      "a property removed",
      inIssue("        seenCount:\n          type: integer\n", ""),
      ["✘ upstream lacks property `seenCount` in `Issue`"],
    ],
    [
      "a type changed",
      inIssue(
        "        seenCount:\n          type: integer\n",
        "        seenCount:\n          type: string\n",
      ),
      ["✘ upstream types `Issue.seenCount` as `string`, ours as `integer`"],
    ],
    [
      "a format changed",
      inIssue(
        "        createdAt:\n          type: string\n          format: date-time\n",
        "        createdAt:\n          type: string\n          format: date\n",
      ),
      ["✘ upstream gives `Issue.createdAt` the format `date`, ours `date-time`"],
    ],
    [
      "a name added to a required set",
      replace(
        "required: [reason, project_id, environmentId, organisationId, severity, title]",
        "required: [reason, project_id, environmentId, organisationId, severity, title, message]",
      ),
      ["✘ upstream requires `message` in `CreateIssue`"],
    ],
    [
      "a type inside a map changed",
      inIssue(
        "        labels:\n          type: object\n          additionalProperties:\n            type: string\n",
        "        labels:\n          type: object\n          additionalProperties:\n            type: integer\n",
      ),
      ["✘ upstream types `Issue.labels{}` as `integer`, ours as `string`"],
    ],
    [
      "a query parameter added",
      replace(
        "        - name: severity\n",
        "        - name: assignee\n          in: query\n          schema:\n            type: string\n        - name: severity\n",
      ),
      [`✘ upstream adds query parameter \`assignee\` to ${LIST}`],
    ],
    [
      "a parameter made required",
      replace(
        "      name: first\n      in: query\n      required: false\n",
        "      name: first\n      in: query\n      required: true\n",
      ),
      ["✘ upstream makes the query parameter `first` required, ours optional"],
    ],
    [
      "a parameter's type changed",
      replace(
        "      schema:\n        type: integer\n        default: 20\n",
        "      schema:\n        type: string\n",
      ),
      ["✘ upstream types the query parameter `first` as `string`, ours as `integer`"],
    ],
    [
      "a status code added",
      replace(
        '                  $ref: "#/components/schemas/Issue"\n        default:',
        '                  $ref: "#/components/schemas/Issue"\n        "404":\n          description: Not found\n        default:',
      ),
      [`✘ upstream adds the 404 response to ${LIST}`],
    ],
    [
      "a success status changed",
      replace(
        '        "201":\n          description: Created',
        '        "200":\n          description: Created',
      ),
      [
        "✘ upstream adds the 200 response to `POST /o/{organisation_id}/issues`",
        "✘ upstream lacks the 201 response of `POST /o/{organisation_id}/issues`",
      ],
    ],
    [
      "a media type added",
      replace(
        '                type: array\n                items:\n                  $ref: "#/components/schemas/Issue"\n',
        '                type: array\n                items:\n                  $ref: "#/components/schemas/Issue"\n            application/xml: {}\n',
      ),
      [`✘ upstream adds \`application/xml\` to the 200 response of ${LIST}`],
    ],
    [
      "a listed defect fixed: `duplication` no longer required",
      inIssue("        - duplication\n", ""),
      [`${GONE}upstream requires \`duplication\` in \`Issue\`, which is not one of its properties`],
    ],
    [
      "a listed defect fixed: a request body marked required",
      replace(
        '      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: "#/components/schemas/CreateIssue"',
        '      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: "#/components/schemas/CreateIssue"',
      ),
      [
        `${GONE}upstream makes the request body of \`POST /o/{organisation_id}/issues\` optional, ours required`,
      ],
    ],
    [
      "as a 3.0 document, `nullable` means what it says",
      replace("openapi: 3.1.0", "openapi: 3.0.3"),
      [
        `${GONE}upstream types \`Issue.resolvedAt\` as \`string\` (its \`nullable\` is a 3.0 keyword, which 3.1 ignores), ours as \`null | string\``,
        `${GONE}upstream types \`UpdateIssue.resolvedAt\` as \`string\` (its \`nullable\` is a 3.0 keyword, which 3.1 ignores), ours as \`null | string\``,
      ],
    ],
    [
      "a property marked nullable the 3.0 way, which 3.1 ignores",
      inIssue(
        "        message:\n          type: string\n",
        "        message:\n          type: string\n          nullable: true\n",
      ),
      [
        "✘ upstream marks `Issue.message` `nullable` (a 3.0 keyword, which 3.1 ignores); ours types it as `string`, without null",
      ],
    ],
    [
      "a map that takes any values",
      inIssue(
        "        labels:\n          type: object\n          additionalProperties:\n            type: string\n",
        "        labels:\n          type: object\n          additionalProperties: true\n",
      ),
      [
        "✘ upstream says `Issue.labels` may hold properties it does not list; ours, that it may hold unlisted properties of one schema",
      ],
    ],
    [
      "a list without an item schema",
      replace(
        '                type: array\n                items:\n                  $ref: "#/components/schemas/Issue"\n',
        "                type: array\n",
      ),
      [`✘ upstream lacks an item schema for the 200 response of ${LIST}, which ours has`],
    ],
  ];

  it.each(cases)("%s", (_name, edit, lines) => {
    expect(problemsFor(edit(UPSTREAM))).toEqual(lines);
  });

  it("says every difference in a line that YAML reads as itself, so it can be pasted into the list", () => {
    const lines = cases.flatMap(([, edit]) => problemsFor(edit(UPSTREAM)));
    for (const line of lines.map((problem) =>
      problem.replace(/^✘ (a listed difference no longer exists upstream: )?/, ""),
    )) {
      expect(parse(`- ${line}`)).toEqual([line]);
    }
  });

  it("an operation removed is named, and so is every listed difference of it that is gone", () => {
    const start = UPSTREAM.indexOf("    patch:\n      operationId: UpdateIssue");
    const removed = UPSTREAM.slice(0, start) + UPSTREAM.slice(UPSTREAM.indexOf("components:\n"));
    const problems = problemsFor(removed);
    expect(problems[0]).toBe("✘ upstream lacks `PATCH /o/{organisation_id}/issues/{issue_id}`");
    const ofUpdate = known
      .flatMap((entry) => entry.differences)
      .filter((line) => line.includes("PATCH /o/") || line.includes("`UpdateIssue"));
    expect(ofUpdate).toHaveLength(10);
    expect(problems.slice(1)).toEqual(ofUpdate.map((line) => `${GONE}${line}`));
  });

  it("ends its problems with what to do", () => {
    const verdict = judgeDifferences(["upstream adds `critical` to `IssueSeverityEnum`"], [], "x.yaml");
    expect(verdict.passed).toBe(false);
    expect(verdict.problems.at(-1)).toBe(
      "Make openapi/issues.yaml match upstream, or list each new difference with its reason in " +
        "openapi/upstream-differences.yaml and remove the ones that no longer exist; then save " +
        "upstream's description as openapi/upstream/platform-api.yaml.",
    );
  });
});

/**
 * How much an endless answer sends at most, so that a test that fails still ends: four times the
 * default limit, in comment lines, which cost the YAML parser little if it ever gets them.
 */
const ENDLESS_BOUND = 8 * 1024 * 1024;

/**
 * Streams YAML to `response` until the client hangs up, or ENDLESS_BOUND; resolves with whether
 * the client hung up before the end.
 */
function streamEndlessly(response: ServerResponse): Promise<boolean> {
  const chunk = Buffer.from(`#${"x".repeat(1023)}\n`.repeat(16));
  let sent = 0;
  const write = () => {
    while (sent < ENDLESS_BOUND) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", write);
    }
    response.end();
  };
  write();
  return new Promise((resolve) => response.on("close", () => resolve(!response.writableFinished)));
}

describe("reading upstream's description", () => {
  let dir: string;
  let server: Server;
  let base: string;
  /** For each endless answer begun, whether the client hung up before its end. */
  const hungUp: Promise<boolean>[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "versori-upstream-"));
    server = createServer((request, response) => {
      if (request.url === "/platform-api.yaml") response.end(UPSTREAM);
      else if (request.url === "/endless.yaml") hungUp.push(streamEndlessly(response));
      else response.writeHead(404, "Not Found").end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const refusal = (source: string, maxBytes?: number) =>
    checkUpstream({ source, maxBytes }).then(
      () => expect.unreachable("the check accepted it"),
      (error: unknown) => {
        expect(error).toBeInstanceOf(PipelineError);
        return (error as PipelineError).lines;
      },
    );

  /** Writes the fixture, changed by `from` → `to`, to a file of its own; resolves with its path. */
  async function changedFixture(name: string, from: string, to: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, replace(from, to)(UPSTREAM));
    return file;
  }

  it("fetches it from a URL", async () => {
    expect((await checkUpstream({ source: `${base}/platform-api.yaml` })).passed).toBe(true);
  });

  it("says what a server answered", async () => {
    expect(await refusal(`${base}/moved.yaml`)).toEqual([`GET ${base}/moved.yaml answered 404 Not Found`]);
  });

  it("stops reading an answer at --max-bytes, in one line, and hangs up", async () => {
    const started = performance.now();
    expect(await refusal(`${base}/endless.yaml`, 64 * 1024)).toEqual([
      `GET ${base}/endless.yaml: the answer is larger than the limit of 65536 bytes (--max-bytes)`,
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await hungUp.at(-1)).toBe(true);
  });

  it("refuses a file larger than --max-bytes before reading it", async () => {
    const large = join(dir, "large.yaml");
    await writeFile(large, UPSTREAM);
    expect(await refusal(large, 1000)).toEqual([
      `${large}: the file is larger than the limit of 1000 bytes (--max-bytes)`,
    ]);
  });

  it("npm run check:upstream stops an endless answer at its default limit, takes --max-bytes, and prints only problem lines", async () => {
    const repo = await createTempRepo();
    try {
      const endless = await repo.npm("check:upstream", `${base}/endless.yaml`);
      expect(endless.code).toBe(1);
      expect(endless.stderr).toBe(
        `GET ${base}/endless.yaml: the answer is larger than the limit of 2097152 bytes (--max-bytes)\n`,
      );
      expect(await hungUp.at(-1)).toBe(true);

      const small = await repo.npm("check:upstream", "--max-bytes", "1000", FIXTURE);
      expect(small.stderr).toBe(
        `${FIXTURE}: the file is larger than the limit of 1000 bytes (--max-bytes)\n`,
      );
      // Bytes that the yaml package reads as a mapping with a sequence for a key, which it would
      // warn about on stderr, bytes and all: only the problem line may be printed.
      await writeFile(
        join(repo.root, "binary.yaml"),
        Buffer.from("\x89PNG: &a\n  [\xff\xfe\x01garbage\x00]: x\n", "latin1"),
      );
      const binary = await repo.npm("check:upstream", "binary.yaml");
      expect(binary.stderr).toBe("binary.yaml: it is not an OpenAPI document: it has no `paths`\n");

      const wrong = await repo.npm("check:upstream", "--max-bytes", "lots", FIXTURE);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /^npm run check:upstream: --max-bytes must be a whole number of bytes, not "lots"; usage: /,
      );
    } finally {
      await repo.dispose();
    }
  });

  it("names a file that is not there", async () => {
    expect(await refusal(join(dir, "nothing.yaml"))).toEqual([
      `${join(dir, "nothing.yaml")}: cannot be read: no such file`,
    ]);
  });

  it("points at a syntax error by file, line and column", async () => {
    const file = join(dir, "broken.yaml");
    await writeFile(file, "openapi: 3.1.0\npaths:\n  /x: [unclosed\n");
    const [line] = await refusal(file);
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ `));
  });

  it("refuses a document that is not OpenAPI, and a $ref that leaves the document", async () => {
    const notOpenApi = join(dir, "list.yaml");
    await writeFile(notOpenApi, "title: a page\n");
    expect(await refusal(notOpenApi)).toEqual([
      `${notOpenApi}: it is not an OpenAPI document: it has no \`paths\``,
    ]);
    const remote = await changedFixture(
      "remote.yaml",
      '$ref: "#/components/schemas/IssueSeverityEnum"',
      '$ref: "https://example.invalid/enum.yaml"',
    );
    expect(await refusal(remote)).toEqual([
      `${remote}: its \`$ref\` "https://example.invalid/enum.yaml" does not point inside the document`,
    ]);
  });

  it("refuses a $ref that is not a JSON pointer, and one to what an object inherits, in one line", async () => {
    const badEscape = await changedFixture(
      "escape.yaml",
      '$ref: "#/components/schemas/IssueSeverityEnum"',
      '$ref: "#/components/schemas/Issue~2SeverityEnum"',
    );
    expect(await refusal(badEscape)).toEqual([
      `${badEscape}: its \`$ref\` "#/components/schemas/Issue~2SeverityEnum" is not a JSON pointer: "~" must be followed by 0 or 1 ("~0" is "~", "~1" is "/")`,
    ]);
    const inherited = await changedFixture(
      "inherited.yaml",
      '$ref: "#/components/schemas/IssueSeverityEnum"',
      '$ref: "#/components/schemas/constructor"',
    );
    expect(await refusal(inherited)).toEqual([
      `${inherited}: its \`$ref\` "#/components/schemas/constructor" points at nothing`,
    ]);
  });

  it("names a cycle of references, and compares a document of odd shape without a stack", async () => {
    const cycle = await changedFixture(
      "cycle.yaml",
      "    IssueSeverityEnum:\n      type: string\n      enum: [high, low, medium]\n",
      '    IssueSeverityEnum:\n      $ref: "#/components/schemas/Severity"\n    Severity:\n      $ref: "#/components/schemas/IssueSeverityEnum"\n',
    );
    expect(await refusal(cycle)).toEqual([
      `${cycle}: its \`$ref\` "#/components/schemas/Severity" is part of a cycle of references`,
    ]);
    const odd = await changedFixture(
      "odd.yaml",
      "      operationId: ListIssues\n      tags: [issues]\n      parameters:\n",
      "      operationId: ListIssues\n      tags: [issues]\n      parameters: 5\n      unused:\n",
    );
    const verdict = await checkUpstream({ source: odd });
    expect(verdict.problems[0]).toMatch(/^✘ upstream lacks query parameter `first` of `GET /);
  });
});

describe("openapi/upstream-differences.yaml", () => {
  const problemOf = (text: string) => refusalLines(() => parseKnownDifferences(text));

  it("lists each difference once, each under a reason", () => {
    expect(known.every((entry) => entry.reason.length > 0)).toBe(true);
    const all = known.flatMap((entry) => entry.differences);
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuses an unknown key, a missing reason and a difference listed twice, by line and column", () => {
    expect(problemOf("source: x\nknown:\n  - reason: a\n    difference: [b]\n")).toEqual([
      "openapi/upstream-differences.yaml:4:5 unknown key `difference`: expected `reason` or `differences`",
    ]);
    expect(problemOf("source: x\nknown:\n  - differences: [b]\n")).toEqual([
      "openapi/upstream-differences.yaml:3:5 `reason` must be a non-empty string",
    ]);
    expect(
      problemOf(
        "source: x\nknown:\n  - reason: a\n    differences: [b]\n  - reason: c\n    differences: [b]\n",
      ),
    ).toEqual(['openapi/upstream-differences.yaml:6:19 the difference "b" is listed twice']);
    expect(problemOf("source: x\nknown: [\n")[0]).toMatch(/^openapi\/upstream-differences\.yaml:\d+:\d+ /);
  });

  it("is what the docs' Known discrepancies section says, one bullet per reason", async () => {
    const generated = JSON.parse(readFileSync(join(REPO_ROOT, "generated/openapi.json"), "utf8"));
    const description: string = generated.info.description;
    const section = description.slice(description.indexOf(DISCREPANCIES_HEADING));
    expect(section.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(known.length);
    for (const { reason } of known) expect(section).toContain(`- ${reason.split("\n")[0]}`);
  });

  it("a changed reason changes the generated bundle, so the drift check sees an unregenerated edit", async () => {
    const repo = await createTempRepo();
    try {
      await repo.edit(
        "openapi/upstream-differences.yaml",
        "It is left out.",
        "It is left out of every schema here.",
      );
      const drift = compareOutputs(await buildOutputs({ root: repo.root }), await readGenerated(repo.root));
      expect(drift.changed).toEqual(["openapi.json", "openapi.dereferenced.json"]);
      expect(drift.patches.join("")).toContain("It is left out of every schema here.");

      await repo.edit("openapi/upstream-differences.yaml", "\nknown:", "\nknwon:");
      const text = await repo.read("openapi/upstream-differences.yaml");
      const line = text.slice(0, text.indexOf("\nknwon:") + 1).split("\n").length;
      const failure = await buildOutputs({ root: repo.root }).catch((error: PipelineError) => error.lines);
      expect(failure).toEqual([
        `openapi/upstream-differences.yaml:${line}:1 unknown key \`knwon\`: expected \`source\` or \`known\``,
      ]);
    } finally {
      await repo.dispose();
    }
  });
});

describe("npm run check:upstream", () => {
  it("exits 0 on today's facts and 1 with one line per new difference", async () => {
    const repo = await createTempRepo();
    try {
      const passed = await repo.npm("check:upstream", FIXTURE);
      expect(passed.stderr).toBe("");
      expect(passed.code).toBe(0);
      expect(passed.stdout).toContain("✔ Versori's description has not changed since");

      await repo.write(
        "upstream.yaml",
        UPSTREAM.replace("enum: [high, low, medium]", "enum: [high, low, medium, urgent]"),
      );
      const failed = await repo.npm("check:upstream", "upstream.yaml");
      expect(failed.code).toBe(1);
      expect(failed.stderr.split("\n")[0]).toBe("✘ upstream adds `urgent` to `IssueSeverityEnum`");
      expect(failed.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await repo.dispose();
    }
  });
});
