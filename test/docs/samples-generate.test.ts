/**
 * The docs page's code samples as they are generated (issue 26 §1): three forms for every
 * operation of the bundled spec, made from its first request example, formatted as prettier
 * would. test/docs/samples-run.test.ts runs them.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import * as prettier from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import type { BundledSpec } from "../../tools/docs/bundled-spec.ts";
import { type CodeSample, SAMPLE_FORMS } from "../../tools/docs/samples/code-sample.ts";
import { addCodeSamples, codeSamples } from "../../tools/docs/samples/index.ts";
import { SAMPLE_PRINT_WIDTH } from "../../tools/docs/samples/format.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const ORGANISATION_ID = "01KJPWD6M0MD8SP6RARAKC9170";
const ISSUE_ID = "01M7YH1P1GBZ3K5XSB17ZQD65W";
const ISSUE_PATH = "/o/{organisation_id}/issues/{issue_id}";

let specText: string;
let samples: CodeSample[];

/** A fresh copy of generated/openapi.json, to edit. */
const specCopy = (): BundledSpec => JSON.parse(specText) as BundledSpec;
const sampleOf = (list: CodeSample[], operationId: string, form: CodeSample["form"]) =>
  list.find((sample) => sample.operationId === operationId && sample.form === form)!;
/** The JSON object at `keys` inside `value`: a spec copy's part, to edit. */
function at(value: unknown, ...keys: string[]): Record<string, unknown> {
  let current = value;
  for (const key of keys) current = (current as Record<string, unknown>)[key];
  return current as Record<string, unknown>;
}
/** The JSON media type of an operation's request body. */
const requestMedia = (spec: BundledSpec, path: string, method: string) =>
  at(spec, "paths", path, method, "requestBody", "content", "application/json");
/** The spec's operations, as `paths` reaches them. */
const operations = (spec: BundledSpec) =>
  Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => method !== "parameters")
      .map(([method, operation]) => ({ method, operation })),
  );

beforeAll(async () => {
  specText = await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8");
  samples = await codeSamples(specCopy());
});

describe("the samples of generated/openapi.json", () => {
  it("are three for every operation, in SAMPLE_FORMS order, with the tab each one gets", () => {
    const operationIds = operations(specCopy()).map(({ operation }) => operation.operationId);
    expect(operationIds).toEqual(["ListIssues", "CreateIssue", "UpdateIssue"]);
    expect(samples.map((sample) => `${sample.operationId} ${sample.form}`)).toEqual(
      operationIds.flatMap((operationId) => SAMPLE_FORMS.map((form) => `${operationId} ${form}`)),
    );
    expect(samples.map(({ lang, label }) => `${lang}: ${label}`).slice(0, 3)).toEqual([
      "Shell: curl",
      "TypeScript: TypeScript (versori-issues-api)",
      "TypeScript: TypeScript (openapi-fetch)",
    ]);
  });

  it("carry the request's method, path, path values, server and success status", () => {
    const update = sampleOf(samples, "UpdateIssue", "curl");
    expect(update).toMatchObject({
      method: "PATCH",
      path: ISSUE_PATH,
      pathValues: { organisation_id: ORGANISATION_ID, issue_id: ISSUE_ID },
      server: "https://platform.versori.com/api/v2",
      expectedStatus: 200,
    });
    expect(sampleOf(samples, "CreateIssue", "client").expectedStatus).toBe(201);
    expect(sampleOf(samples, "ListIssues", "openapi-fetch").method).toBe("GET");
  });

  it("carry the query and the JSON body the request sends, the same for every form", () => {
    const create = operations(specCopy()).find(({ operation }) => operation.operationId === "CreateIssue");
    const createExample = at(create!.operation, "requestBody", "content", "application/json", "examples");
    const createBody = at(Object.values(createExample)[0]).value;
    for (const form of SAMPLE_FORMS) {
      const list = sampleOf(samples, "ListIssues", form);
      // As sent on the wire: the example 50 as the string of the query.
      expect(list.query, form).toEqual({ first: "50" });
      expect(list, form).not.toHaveProperty("body");
      // The client form fills in organisationId itself, but the wire body still has it.
      expect(sampleOf(samples, "CreateIssue", form).body, form).toEqual(createBody);
      expect(sampleOf(samples, "CreateIssue", form).body, form).toHaveProperty(
        "organisationId",
        ORGANISATION_ID,
      );
      expect(sampleOf(samples, "UpdateIssue", form)).toMatchObject({ query: {}, body: { status: "acked" } });
    }
  });

  it("carry an array query value as the name repeated, each item as a string", async () => {
    const spec = specCopy();
    at(spec, "paths", "/o/{organisation_id}/issues", "get").parameters = [
      { name: "severity", in: "query", required: true, schema: { type: "array" }, example: ["high", 3] },
    ];
    const list = sampleOf(await codeSamples(spec), "ListIssues", "curl");
    expect(list.query).toEqual({ severity: ["high", "3"] });
    expect(list.source).toContain("?severity=high&severity=3'");
  });

  it("use the examples' organisation and real values, never a placeholder", () => {
    for (const sample of samples) {
      expect(sample.source, `${sample.operationId} ${sample.form}`).toContain(ORGANISATION_ID);
      for (const placeholder of ['"string"', "<organisation_id>", "YOUR_", "01ARZ3NDEKTSV4RRFFQ69G5FAV"]) {
        expect(sample.source).not.toContain(placeholder);
      }
    }
    // The URL, on the curl's second line, has every path value filled in.
    for (const sample of samples.filter(({ form }) => form === "curl")) {
      expect(sample.source.split("\n")[1]).not.toContain("{");
    }
    expect(sampleOf(samples, "ListIssues", "curl").source).toContain("/issues?first=50'");
    expect(sampleOf(samples, "ListIssues", "client").source).toContain("issues.list({ first: 50 })");
    expect(sampleOf(samples, "CreateIssue", "openapi-fetch").source).toContain('title: "Order sync failed"');
    expect(sampleOf(samples, "UpdateIssue", "openapi-fetch").source).toContain('body: { status: "acked" }');
  });

  it("call the client method that fits the example", () => {
    expect(sampleOf(samples, "UpdateIssue", "client").source).toContain(`issues.acknowledge("${ISSUE_ID}")`);
    const create = sampleOf(samples, "CreateIssue", "client").source;
    expect(create).toContain("issues.create({");
    // The client fills in the body's organisationId from its own option: the one in the source is that option.
    expect(create.match(/organisationId/g)).toHaveLength(1);
    expect(create).toContain(`organisationId: "${ORGANISATION_ID}",\n});`);
  });

  it("chooses resolve, update and acknowledge by the first example's body", async () => {
    const clientCall = async (body: unknown) => {
      const spec = specCopy();
      requestMedia(spec, ISSUE_PATH, "patch").examples = { first: { value: body } };
      return sampleOf(await codeSamples(spec), "UpdateIssue", "client").source;
    };
    await expect(clientCall({ status: "resolved", resolutionStatus: "ignored" })).resolves.toContain(
      `issues.resolve("${ISSUE_ID}", "ignored")`,
    );
    const update = await clientCall({ severity: "critical" });
    expect(update).toContain(`issues.update("${ISSUE_ID}", {`);
    expect(update).toContain(`severity: "critical"`);
  });

  it("take the token from VERSORI_API_KEY and never write one in", () => {
    for (const sample of samples.filter(({ lang }) => lang === "TypeScript")) {
      const bearer = sample.source.match(/Bearer [^"`]+/g) ?? [];
      for (const header of bearer) expect(header).toMatch(/^Bearer \$\{process\.env\.VERSORI_API_KEY\}$/);
    }
    for (const sample of samples.filter(({ form }) => form === "curl")) {
      expect(sample.source).toContain(
        `printf 'Authorization: Bearer %s\\n' "$VERSORI_API_KEY" |\n  curl -sS --fail-with-body`,
      );
      expect(sample.source).toContain("-H @-");
    }
    expect(sampleOf(samples, "UpdateIssue", "client").source).toContain(
      "token: process.env.VERSORI_API_KEY!",
    );
  });

  it("are formatted as the repository's prettier formats them, at the sample panel's width", async () => {
    const options = await prettier.resolveConfig(join(REPO_ROOT, "sample.ts"));
    for (const sample of samples.filter(({ lang }) => lang === "TypeScript")) {
      const formatted = await prettier.format(sample.source, {
        ...options,
        printWidth: SAMPLE_PRINT_WIDTH,
        parser: "typescript",
      });
      expect(formatted, `${sample.operationId} ${sample.form}`).toBe(sample.source);
    }
  });
});

describe("the curl samples in sh", () => {
  /**
   * The words sh passes to curl when it runs `source`, and what it writes to curl's standard
   * input, with curl standing in as a printer.
   */
  async function curlCall(source: string): Promise<{ words: string[]; stdin: string }> {
    const script = `curl() { for word in "$@"; do printf '%s\\0' "$word"; done; cat; }\n${source}`;
    const running = promisify(execFile)("sh", ["-c", script], {
      env: { PATH: process.env.PATH, VERSORI_API_KEY: "key-from-the-environment" },
    });
    // A sample that pipes nothing to curl leaves it the test's own input: an empty one.
    running.child.stdin?.end();
    const { stdout } = await running;
    const words = stdout.split("\0");
    return { words: words.slice(0, -1), stdin: words.at(-1)! };
  }
  const curlArguments = async (source: string) => (await curlCall(source)).words;

  it("give curl the key on its standard input, never among its arguments, which ps shows", async () => {
    for (const sample of samples.filter(({ form }) => form === "curl")) {
      const { words, stdin } = await curlCall(sample.source);
      expect(stdin, sample.operationId).toBe("Authorization: Bearer key-from-the-environment\n");
      expect(words.join(" "), sample.operationId).not.toContain("key-from-the-environment");
    }
  });

  it("send the method, URL and JSON body as words", async () => {
    const words = await curlArguments(sampleOf(samples, "UpdateIssue", "curl").source);
    expect(words).toEqual([
      "-sS",
      "--fail-with-body",
      "-X",
      "PATCH",
      `https://platform.versori.com/api/v2/o/${ORGANISATION_ID}/issues/${ISSUE_ID}`,
      "-H",
      "@-",
      "-H",
      "Content-Type: application/json",
      "--data",
      '{"status":"acked"}',
    ]);
    const create = await curlArguments(sampleOf(samples, "CreateIssue", "curl").source);
    const body = JSON.parse(create.at(-1)!);
    expect(body).toMatchObject({ organisationId: ORGANISATION_ID, title: "Order sync failed" });
  });

  it("quote what sh would otherwise read: quotes, dollars, backticks", async () => {
    const spec = specCopy();
    const awkward = { title: `It's $HOME's \`date\` "quoted" \\ done`, severity: "high" };
    requestMedia(spec, ISSUE_PATH, "patch").examples = {
      awkward: { value: awkward },
    };
    const words = await curlArguments(sampleOf(await codeSamples(spec), "UpdateIssue", "curl").source);
    expect(JSON.parse(words.at(-1)!)).toEqual(awkward);
  });
});

describe("an operation added to the spec", () => {
  it("gets three samples with no change to the code, its client form through issues.raw", async () => {
    const spec = specCopy();
    at(spec, "paths", ISSUE_PATH).get = {
      operationId: "GetIssue",
      responses: {
        "200": {
          description: "The issue.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Issue" } } },
        },
        "404": { $ref: "#/components/responses/NotFound" },
      },
    };
    const added = (await codeSamples(spec)).filter((sample) => sample.operationId === "GetIssue");
    expect(added.map((sample) => sample.form)).toEqual(SAMPLE_FORMS);
    expect(added[0]!.source).toBe(
      [
        "# The key reaches curl on its standard input, not in its arguments, which ps shows to others.",
        `printf 'Authorization: Bearer %s\\n' "$VERSORI_API_KEY" |`,
        "  curl -sS --fail-with-body \\",
        `    'https://platform.versori.com/api/v2/o/${ORGANISATION_ID}/issues/${ISSUE_ID}' \\`,
        "    -H @-",
        "",
      ].join("\n"),
    );
    const client = added[1]!.source;
    expect(client).toMatch(/await issues\.raw\.GET\(\s+"\/o\/\{organisation_id\}\/issues\/\{issue_id\}",/);
    // However prettier breaks the lines.
    expect(client.replace(/\s+/g, " ")).toContain(
      `path: { organisation_id: "${ORGANISATION_ID}", issue_id: "${ISSUE_ID}"`,
    );
    // The sample's own template literal, written so that this one stays a plain string.
    expect(client).toContain("if (error) throw new Error(`GetIssue failed: $" + "{error.message}`);");
    expect(added[2]!.source).toMatch(
      /await client\.GET\(\s*"\/o\/\{organisation_id\}\/issues\/\{issue_id\}",/,
    );
  });
});

describe("addCodeSamples", () => {
  it("sets each operation's x-codeSamples to its samples, over any it had", async () => {
    const spec = specCopy();
    at(spec, "paths", ISSUE_PATH, "patch")["x-codeSamples"] = [{ lang: "Go", label: "stale", source: "old" }];
    await addCodeSamples(spec);
    for (const { operation } of operations(spec)) {
      const expected = samples
        .filter((sample) => sample.operationId === operation.operationId)
        .map(({ lang, label, source }) => ({ lang, label, source }));
      expect(at(operation)["x-codeSamples"]).toEqual(expected);
    }
  });
});

describe("a spec without the examples a sample needs", () => {
  it("names the operation and the path parameter with no example", async () => {
    const spec = specCopy();
    delete at(spec, "components", "parameters", "IssueId").example;
    await expect(codeSamples(spec)).rejects.toThrow(
      "UpdateIssue: path parameter issue_id has no example: add one in openapi/issues.yaml",
    );
  });

  it("names the operation whose required body has no example", async () => {
    const spec = specCopy();
    delete requestMedia(spec, "/o/{organisation_id}/issues", "post").examples;
    await expect(codeSamples(spec)).rejects.toThrow(
      "CreateIssue: the request body has no example: add one in openapi/issues.yaml",
    );
  });
});
