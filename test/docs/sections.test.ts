/**
 * The sections the docs page's introduction gains (tools/docs/sections/): "Install and use", the
 * generated error tables under "Errors", and "What changed". Each claim of the error tables is
 * checked against the client itself, calling the in-process fake: the error class, status and
 * code a reader is told to catch, and whether the call is retried.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIssuesClient, type IssuesClient, type IssuesClientOptions } from "../../src/index.ts";
import { createFakeIssues, type FakeIssues } from "../../src/testing/index.ts";
import type { BundledSpec } from "../../tools/docs/bundled-spec.ts";
import { buildDocs, renderRedocPage } from "../../tools/docs/docs.ts";
import { CLIENT_FAILURES, type ClientFailure } from "../../tools/docs/sections/client-failures.ts";
import { repeatableMethods, statusRows } from "../../tools/docs/sections/status-rows.ts";
import { addSections } from "../../tools/docs/sections/index.ts";
import { failure } from "../support/failure.ts";
import { ORG, orderSync, UNKNOWN_ISSUE } from "../support/fixtures.ts";
import { snippetProblems, tsBlocksOf } from "../support/snippets.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const SPEC_TEXT = readFileSync(join(REPO_ROOT, "generated/openapi.json"), "utf8");
const CHANGELOG = readFileSync(join(REPO_ROOT, "CHANGELOG.md"), "utf8");
const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const PACKAGE_NAME: string = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).name;

const freshSpec = (): BundledSpec => JSON.parse(SPEC_TEXT);
const descriptionOf = (spec: BundledSpec) => (spec.info as { description: string }).description;

/** The page's introduction, as addSections leaves it. */
async function introduction(spec = freshSpec()): Promise<string> {
  await addSections(spec);
  return descriptionOf(spec);
}

/** The `## ` headings of the introduction as generated here, in order, outside its ``` code blocks. */
function headingsOf(markdown: string): string[] {
  let fenced = false;
  const headings: string[] = [];
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    else if (!fenced && line.startsWith("## ")) headings.push(line.slice(3));
  }
  return headings;
}

/** The last section, "What changed", to the end: a code block in it may hold a `## ` line. */
function changelogOf(markdown: string): string {
  const start = markdown.indexOf("\n## What changed\n");
  expect(start, 'no "## What changed" section').toBeGreaterThanOrEqual(0);
  return markdown.slice(start + 1);
}

/** A folder with package.json and `changelog` as CHANGELOG.md, for as long as `use` runs. */
async function withChangelog<T>(changelog: string, use: (root: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), "versori-issues-sections-"));
  try {
    await writeFile(join(root, "package.json"), JSON.stringify({ name: PACKAGE_NAME }));
    await writeFile(join(root, "CHANGELOG.md"), changelog);
    return await use(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The text of the `## heading` section, up to the next `## `. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `no "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start + 1, end === -1 ? undefined : end + 1);
}

let text: string;
beforeAll(async () => {
  text = await introduction();
});

describe("Install and use", () => {
  it("comes first, before Authentication, with the package's name and the spec's organisation ID", () => {
    const headings = headingsOf(text);
    expect(headings[0]).toBe("Install and use");
    expect(headings[1]).toBe("Authentication");
    const section = sectionOf(text, "Install and use");
    expect(section).toContain(`npm install ${PACKAGE_NAME}`);
    expect(section).toContain(`from "${PACKAGE_NAME}"`);
    expect(section).toContain(`organisationId: "${ORG}"`);
    expect(section).toContain("process.env.VERSORI_API_KEY!");
    expect(section).toContain("paths");
  });

  it("shows TypeScript that type-checks against the package's sources", () => {
    const section = sectionOf(text, "Install and use");
    expect(tsBlocksOf(section)).toHaveLength(1);
    // The whole section as the document, so that a problem is named at its line in it.
    const problems = snippetProblems(REPO_ROOT, { name: "Install and use", text: section }, []);
    expect(problems).toEqual([]);
  });

  it("takes the organisation ID from a parameter's `examples` when it has no `example`", async () => {
    const spec = freshSpec();
    const parameter = (spec.components as { parameters: Record<string, Record<string, unknown>> }).parameters
      .OrganisationId!;
    delete parameter.example;
    parameter.examples = { sandbox: { summary: "An organisation", value: ORG } };
    expect(sectionOf(await introduction(spec), "Install and use")).toContain(`organisationId: "${ORG}"`);
  });

  it("writes the organisation ID as a string literal, whatever it holds", async () => {
    const spec = freshSpec();
    const parameter = (spec.components as { parameters: Record<string, Record<string, unknown>> }).parameters
      .OrganisationId!;
    parameter.example = 'an "odd" \\ ID';
    expect(sectionOf(await introduction(spec), "Install and use")).toContain(
      'organisationId: "an \\"odd\\" \\\\ ID",',
    );
  });

  it("fails the type check when the snippet drifts from the client", () => {
    const section = sectionOf(text, "Install and use").replace("organisationId", "organisation");
    expect(snippetProblems(REPO_ROOT, { name: "Install and use", text: section }, [])).not.toEqual([]);
  });
});

describe("Errors", () => {
  const spec = freshSpec();
  const rows = statusRows(spec);
  const errors = () => sectionOf(text, "Errors");

  /** Every error status any operation declares, as the spec itself lists them. */
  function declaredStatuses(document: BundledSpec): string[] {
    const statuses = new Set<string>();
    for (const item of Object.values(document.paths as Record<string, Record<string, unknown>>)) {
      for (const operation of Object.values(item)) {
        const { responses } = Object(operation) as { responses?: Record<string, unknown> };
        for (const status of Object.keys(responses ?? {})) {
          if (status === "default" || Number(status) >= 400) statuses.add(status);
        }
      }
    }
    return [...statuses].sort();
  }

  it("has a row for every error status an operation declares, and for `default`", () => {
    expect(rows.map((row) => String(row.status)).sort()).toEqual(declaredStatuses(spec));
    for (const row of rows) {
      const line = errors()
        .split("\n")
        .find((line) => line.startsWith(`| ${row.status === "default" ? "Any other" : row.status} `));
      expect(line, `no row for ${row.status}`).toBeDefined();
      for (const code of row.codes) expect(line).toContain(`\`${code}\``);
    }
  });

  it("keeps the hand-written text, then the tables", () => {
    expect(errors()).toContain("Every error response has the same JSON body, `Error`");
    expect(errors()).toContain(
      "| 429 Too Many Requests | Too many requests. Wait as long as `Retry-After` says, then retry. " +
        "| every operation | GET, PATCH: up to `retry.retries` times (default 2), after the wait " +
        "`Retry-After` asks for, or backoff without it; not when `Retry-After` asks for more than " +
        "`retry.maxDelayMs` (default 20000 ms): the error comes at once, with `retryAfterMs`. POST: never " +
        "| `IssuesApiError`: `status` 429, `code` `rate_limited` |",
    );
    expect(errors()).toContain(
      "| 500 Internal Server Error | The server failed. `GET` and `PATCH` may be retried after a backoff. " +
        "| every operation | GET, PATCH: up to `retry.retries` times (default 2), after backoff. POST: never |",
    );
    expect(errors()).toContain(
      "| GET, PATCH: 408, 502, 503 and 504 only, up to `retry.retries` times (default 2), after backoff, " +
        "or on 503 the wait `Retry-After` asks for; not when it asks for more than `retry.maxDelayMs` " +
        "(default 20000 ms): the error comes at once, with `retryAfterMs`. POST: never |",
    );
    expect(errors()).toContain(
      "| A success body that is empty, or JSON of the wrong shape | no | `IssuesApiError`: `code` `invalid_body` |",
    );
    expect(errors()).toContain(
      "| 404 Not Found | No issue with this ID exists in the organisation. | UpdateIssue | no |",
    );
    expect(errors()).toContain("`IssuesNetworkError`");
    expect(errors()).toContain("`IssuesTimeoutError`");
  });

  it("gives a status added to the spec a row of its own, with no change to the tools", () => {
    const edited = freshSpec();
    const paths = edited.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const conflict = {
      description: "An issue with this title is open already.",
      content: { "application/json": { example: { code: "duplicate_title", message: "taken" } } },
    };
    paths["/o/{organisation_id}/issues"]!.post!.responses["409"] = conflict;
    paths["/o/{organisation_id}/issues/{issue_id}"]!.patch!.responses["503"] = {
      description: "Down for maintenance.",
    };
    const added = statusRows(edited);
    expect(added.find((row) => row.status === 409)).toMatchObject({
      reason: "Conflict",
      meaning: "An issue with this title is open already.",
      operations: [{ operationId: "CreateIssue", method: "POST" }],
      codes: ["duplicate_title"],
      retried: false,
    });
    expect(added.find((row) => row.status === 503)).toMatchObject({
      operations: [{ operationId: "UpdateIssue", method: "PATCH" }],
      retried: true,
      retryAfter: true,
    });
  });

  it("names the client's own codes as README's Errors section does", () => {
    const readmeErrors = README.slice(README.indexOf("\n### Errors\n"), README.indexOf("\n### Retries\n"));
    const listed = [...readmeErrors.matchAll(/^ {2}- `(\w+)`:/gm)].map((match) => match[1]);
    const codes = CLIENT_FAILURES.flatMap((entry) => (entry.code ? [entry.code] : []));
    expect(codes.sort()).toEqual(listed.sort());
  });

  describe("what a client user catches, checked against the client and the fake", () => {
    const RETRIES = 2;
    let fake: FakeIssues;
    beforeAll(() => {
      fake = createFakeIssues();
    });
    beforeEach(() => fake.reset());

    const client = (options: Partial<IssuesClientOptions> = {}) =>
      createIssuesClient({
        baseUrl: fake.url,
        token: fake.token,
        organisationId: ORG,
        fetch: fake.fetch,
        retry: { retries: RETRIES, minDelayMs: 0, maxDelayMs: 1000 },
        ...options,
      });

    /** One call of each method, as a client user makes it. */
    const CALLS: Record<string, (issues: IssuesClient) => Promise<unknown>> = {
      GET: (issues) => issues.list(),
      POST: (issues) => issues.create(orderSync),
      PATCH: (issues) => issues.acknowledge(UNKNOWN_ISSUE),
    };
    const callOf = (method: string) => {
      const call = CALLS[method];
      if (!call) throw new Error(`no client call for ${method}: add one to CALLS`);
      return call;
    };

    /** The call fails as the row says, after one attempt, or after every retry when it is retried. */
    async function expectFailure(
      call: Promise<unknown>,
      expected: { name: string; status?: number; code?: string; retried: boolean },
    ) {
      const { error } = await failure(call);
      expect(error.name).toBe(expected.name);
      if (expected.status !== undefined) expect(error.status).toBe(expected.status);
      if (expected.code !== undefined) expect(error.code).toBe(expected.code);
      expect(fake.requests).toHaveLength(expected.retried ? RETRIES + 1 : 1);
    }

    /** A client with the default retry settings, the ones the table names. */
    const defaultClient = () =>
      createIssuesClient({ baseUrl: fake.url, token: fake.token, organisationId: ORG, fetch: fake.fetch });

    it.each([429, 503])(
      "%i with a `Retry-After` longer than retry.maxDelayMs: not retried, the error at once with retryAfterMs",
      async (status) => {
        fake.failNext(RETRIES + 1, { status, retryAfter: 60 });
        const { error, ms } = await failure(defaultClient().list());
        expect(error).toMatchObject({ name: "IssuesApiError", status, retryAfterMs: 60_000 });
        expect(fake.requests).toHaveLength(1);
        expect(ms).toBeLessThan(5_000);
      },
    );

    it.each([429, 503])(
      "%i with a `Retry-After` within retry.maxDelayMs: retried retry.retries times",
      async (status) => {
        fake.failNext(3, { status, retryAfter: 0 });
        const { error } = await failure(defaultClient().list());
        expect(error).toMatchObject({ name: "IssuesApiError", status, retryAfterMs: 0 });
        // The default retry.retries, 2, as the table says.
        expect(fake.requests).toHaveLength(3);
      },
    );

    const withStatus = rows.flatMap((row) =>
      typeof row.status === "number"
        ? row.operations.map((operation) => ({ row, status: row.status as number, ...operation }))
        : [],
    );
    it.each(withStatus)(
      "$status from $operationId ($method)",
      async ({ row, status, method, operationId }) => {
        const code = row.codes[0] ?? "some_code";
        fake.failNext(RETRIES + 1, { status, code }, { operation: operationId });
        await expectFailure(callOf(method)(client()), {
          name: row.errorClass,
          status,
          code,
          retried: row.retried && row.repeatableMethods.includes(method),
        });
      },
    );

    const fallback = rows.find((row) => row.status === "default");
    it.each(fallback?.operations ?? [])(
      "`default` from $operationId ($method): a status the spec does not list",
      async ({ method, operationId }) => {
        const code = fallback!.codes[0] ?? "some_code";
        const declared = new Set(rows.map((row) => row.status));
        const other = [409, 410, 422, 501].find((status) => !declared.has(status))!;
        for (const status of [...fallback!.otherRetriedStatuses, other]) {
          fake.reset();
          fake.failNext(RETRIES + 1, { status, code }, { operation: operationId });
          const retried =
            fallback!.otherRetriedStatuses.includes(status) && fallback!.repeatableMethods.includes(method);
          await expectFailure(callOf(method)(client()), {
            name: fallback!.errorClass,
            status,
            code,
            retried,
          });
        }
      },
    );

    /** How to make each of the client's own failures happen, `times` times over. */
    const TRIGGERS: Record<
      string,
      { options?: Partial<IssuesClientOptions>; inject(fake: FakeIssues, times: number): void }
    > = {
      IssuesNetworkError: {
        inject: (fake, times) => {
          for (let i = 0; i < times; i++) fake.dropNextResponse();
        },
      },
      IssuesTimeoutError: {
        options: { timeoutMs: 50 },
        inject: (fake, times) => {
          for (let i = 0; i < times; i++) fake.delayNext(400);
        },
      },
      redirect: {
        inject: (fake, times) =>
          fake.failNext(times, { status: 302, headers: { location: "https://example.com/moved" } }),
      },
      // A proxy in the way that answers 200 with a page of its own.
      invalid_json: {
        options: {
          fetch: async (input, init) => {
            await fake.fetch(input, init);
            return new Response("<html>maintenance</html>", { status: 200 });
          },
        },
        inject: () => {},
      },
      invalid_body: {
        inject: (fake, times) => {
          for (let i = 0; i < times; i++)
            fake.respondUncheckedNext({ status: 200, body: { unexpected: true } });
        },
      },
      // A proxy in the way that answers 200 with nothing.
      empty_body: {
        options: {
          fetch: async (input, init) => {
            await fake.fetch(input, init);
            return new Response("", { status: 200 });
          },
        },
        inject: () => {},
      },
      // Even a status that is retried: a body too large is never read again.
      response_too_large: {
        options: { maxResponseBytes: 10 },
        inject: (fake, times) => fake.failNext(times, { status: 503 }),
      },
    };

    const methods = [...new Set(rows.flatMap((row) => row.operations.map(({ method }) => method)))];
    const cases = CLIENT_FAILURES.flatMap((entry: ClientFailure) =>
      methods.map((method) => ({ entry, method, name: entry.code ?? entry.errorClass })),
    );
    it.each(cases)("$name on $method", async ({ entry, method, name }) => {
      const trigger = TRIGGERS[name];
      if (!trigger) throw new Error(`no test makes "${name}" happen: add it to TRIGGERS`);
      trigger.inject(fake, RETRIES + 1);
      const retried = entry.retried && repeatableMethods(spec).includes(method);
      await expectFailure(callOf(method)(client(trigger.options)), {
        name: entry.errorClass,
        ...(entry.code ? { code: entry.code } : {}),
        retried,
      });
    });

    it.each(methods)("an empty success body on %s is `invalid_body`, as its row says", async (method) => {
      const row = CLIENT_FAILURES.find(({ what }) => what.includes("empty"));
      expect(row).toMatchObject({ code: "invalid_body", retried: false });
      await expectFailure(callOf(method)(client(TRIGGERS.empty_body!.options)), {
        name: "IssuesApiError",
        code: "invalid_body",
        retried: false,
      });
    });
  });
});

describe("What changed", () => {
  it("is the last section, below the version the page documents, the latest release as an <h3>", () => {
    const headings = headingsOf(text);
    expect(headings.at(-1)).toBe("What changed");
    const section = sectionOf(text, "What changed");
    const { version } = freshSpec().info as { version: string };
    expect(section).toContain(`This page documents version ${version}.`);
    const latest = /^## (.+)$/m.exec(CHANGELOG)![1]!;
    expect(section).toContain(`\n<h3>${latest}</h3>\n`);
  });

  /** Code, markup and headings a hand-written entry may hold. */
  const FIXTURE = [
    "# Changelog",
    "",
    "Written by `npm run release`.",
    "",
    "## 2.1.0 (2027-01-05)",
    "### Breaking changes",
    "",
    "- **BREAKING** `list` gives `Array<Issue>` still; `listAll` now yields Array<Issue> & more, see <https://example.com/x>.",
    "",
    "~~~ts",
    "## not a heading",
    "const pages: Array<Issue> = [];",
    "",
    "~~~",
    "",
    "```",
    "~~~",
    "## not a heading either",
    "```",
    "",
    "## 2.0.0 `beta` (x<1 & \\*)",
    "The first release.",
    "",
  ].join("\n");

  it("shows entries as written: `<` in text, fences of ~~~ and ```, code in headings", async () => {
    const spec = freshSpec();
    (spec.info as { version: string }).version = "2.1.0";
    await withChangelog(FIXTURE, (root) => addSections(spec, root));
    expect(changelogOf(descriptionOf(spec))).toBe(
      [
        "## What changed",
        "",
        "This page documents version 2.1.0.",
        "",
        "Written by `npm run release`.",
        "",
        "<h3>2.1.0 (2027-01-05)</h3>",
        "",
        "<h4>Breaking changes</h4>",
        "",
        "- **BREAKING** `list` gives `Array<Issue>` still; `listAll` now yields Array&lt;Issue> &amp; more, see <https://example.com/x>.",
        "",
        "~~~ts",
        "## not a heading",
        "const pages: Array<Issue> = [];",
        "",
        "~~~",
        "",
        "```",
        "~~~",
        "## not a heading either",
        "```",
        "",
        "<h3>2.0.0 <code>beta</code> (x&lt;1 &amp; *)</h3>",
        "",
        "The first release.",
        "",
      ].join("\n"),
    );
  });

  it("renders in the page as written, its releases out of the sidebar", async () => {
    const spec = freshSpec();
    await withChangelog(FIXTURE, (root) => addSections(spec, root));
    const dir = await mkdtemp(join(tmpdir(), "versori-issues-sections-page-"));
    try {
      const { before, after } = await renderRedocPage(dir, JSON.stringify(spec));
      // React separates adjacent text nodes with `<!-- -->`.
      const html = (before + after).replaceAll("<!-- -->", "");
      expect(html).toContain("yields Array&lt;Issue&gt; &amp; more");
      expect(html).toContain("<h3>2.0.0 <code>beta</code> (x&lt;1 &amp; *)</h3>");
      expect(html).toMatch(/<pre[^>]*>## not a heading\nconst pages: Array&lt;Issue&gt; = \[\];\n/);
      expect(html).not.toMatch(/<h\d[^>]*>not a heading/);
      expect(html).toContain('data-text="What changed"');
      expect(html).not.toContain('data-text="2.1.0 (2027-01-05)"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("fails naming CHANGELOG.md when there is none", async () => {
    const root = await mkdtemp(join(tmpdir(), "versori-issues-sections-"));
    try {
      await writeFile(join(root, "package.json"), JSON.stringify({ name: PACKAGE_NAME }));
      await expect(addSections(freshSpec(), root)).rejects.toThrow(/CHANGELOG\.md/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the built page", () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "versori-issues-sections-page-"));
    await buildDocs(dir, SPEC_TEXT);
    html = await readFile(join(dir, "index.html"), "utf8");
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("renders the three sections, the 429 row and the latest release, within 350 kB", () => {
    for (const heading of ["Install and use", "Errors", "What changed"]) expect(html).toContain(heading);
    expect(html).toContain("429 Too Many Requests");
    const latest = /^## (.+)$/m.exec(CHANGELOG)![1]!;
    expect(html).toContain(`<h3>${latest}</h3>`);
    // The sidebar lists the sections, not the releases in "What changed".
    for (const heading of ["Install and use", "What changed"])
      expect(html).toContain(`data-text="${heading}"`);
    expect(html).not.toContain(`data-text="${latest}"`);
    const bytes = Buffer.byteLength(html);
    console.log(`docs page with the sections: index.html ${bytes} B`);
    expect(bytes).toBeLessThanOrEqual(350_000);
  });
});
