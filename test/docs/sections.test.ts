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
import { buildDocs } from "../../tools/docs/docs.ts";
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

/** The `## ` headings of a Markdown text, in order, outside code blocks. */
function headingsOf(markdown: string): string[] {
  let fenced = false;
  const headings: string[] = [];
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    else if (!fenced && line.startsWith("## ")) headings.push(line.slice(3));
  }
  return headings;
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
        "| every operation | GET, PATCH: yes, after `Retry-After` or backoff; POST: never " +
        "| `IssuesApiError`: `status` 429, `code` `rate_limited` |",
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
  });
});

describe("What changed", () => {
  it("is the last section: CHANGELOG.md, its releases one level down as <h3>, and the version the page documents", () => {
    const headings = headingsOf(text);
    expect(headings.at(-1)).toBe("What changed");
    const section = sectionOf(text, "What changed");
    const { version } = freshSpec().info as { version: string };
    expect(section).toContain(`This page documents version ${version}.`);
    const demoted = CHANGELOG.split("\n")
      .filter((line) => line !== "# Changelog")
      .map((line) => {
        const heading = /^(#+) (.*)$/.exec(line);
        return heading ? `<h${heading[1]!.length + 1}>${heading[2]}</h${heading[1]!.length + 1}>` : line;
      })
      .join("\n")
      .trim();
    expect(section.trim().endsWith(demoted)).toBe(true);
    const latest = /^## (.+)$/m.exec(CHANGELOG)![1]!;
    expect(section).toContain(`\n<h3>${latest}</h3>\n`);
  });

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
