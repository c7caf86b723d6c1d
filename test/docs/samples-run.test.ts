/**
 * Every code sample of the docs page is run (issue 26 §2): the TypeScript ones type-checked
 * together against the built package and run against the in-process fake, the curl ones run with
 * the system's curl against the HTTP fake on loopback. A sample that drifts from the API or the
 * client fails its test, which is named after the operation and the form: `UpdateIssue · curl`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundledSpec } from "../../tools/docs/bundled-spec.ts";
import { SAMPLE_FORMS } from "../../tools/docs/samples/code-sample.ts";
import { codeSamples } from "../../tools/docs/samples/index.ts";
import {
  clientSample,
  createSample,
  curlSample,
  edited,
  ISSUE_ID,
  listCurlSample,
  ORGANISATION_ID,
  OTHER_ISSUE_ID,
  openapiFetchSample,
  SERVER,
} from "../support/samples/hand-made.ts";
import { sampleName } from "../support/samples/names.ts";
import { findCurl, runCurlSample } from "../support/samples/run-curl.ts";
import { runSampleInProcess } from "../support/samples/run-in-process.ts";
import {
  builtPackageProblem,
  createSampleProject,
  type SampleProject,
  staleBuildNote,
} from "../support/samples/sample-project.ts";
import { type TypeCheck, typeCheckSamples } from "../support/samples/type-check.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

const curl = findCurl();
const missingBuild = builtPackageProblem();
const spec = JSON.parse(await readFile(join(REPO_ROOT, "generated/openapi.json"), "utf8")) as BundledSpec;
const samples = await codeSamples(spec);
const typeScriptSamples = samples.filter(({ form }) => form !== "curl");
const curlSamples = samples.filter(({ form }) => form === "curl");

/**
 * Fails the test with the harness's own words, which name the sample, its problem and its output,
 * and with what `note` adds, if anything.
 */
function expectPassed(
  failures: string | readonly string[] | undefined,
  note: () => string | undefined = () => undefined,
): void {
  const lines = typeof failures === "string" ? [failures] : (failures ?? []);
  if (lines.length === 0) return;
  const added = note();
  throw new Error([...lines, ...(added ? [added] : [])].join("\n"));
}

/** The operationId of every operation of the spec. */
function operationIds(bundled: BundledSpec): string[] {
  const paths = bundled.paths as Record<string, Record<string, { operationId?: string }>>;
  return Object.values(paths).flatMap((item) =>
    Object.values(item).flatMap((operation) => operation.operationId ?? []),
  );
}

describe("every docs sample", () => {
  if (missingBuild !== undefined) {
    it("runs against the built package", () => {
      throw new Error(missingBuild);
    });
    return;
  }
  let project: SampleProject;
  let types: TypeCheck;
  beforeAll(async () => {
    project = await createSampleProject(typeScriptSamples);
    types = typeCheckSamples(project, typeScriptSamples);
  });
  afterAll(() => project?.dispose());

  it("are there for every operation, in each form", () => {
    const forms = samples.map(sampleName).sort();
    const expected = operationIds(spec).flatMap((id) =>
      SAMPLE_FORMS.map((form) => sampleName({ operationId: id, form })),
    );
    expect(forms).toEqual(expected.sort());
  });

  for (const sample of typeScriptSamples) {
    it(sampleName(sample), async () => {
      // A TypeScript sample runs against dist/: say so when it is older than the sources.
      expectPassed(types.problemsOf(sample), staleBuildNote);
      expectPassed(await runSampleInProcess(project, sample), staleBuildNote);
    });
  }

  if (curl === undefined) {
    it.skip(`curl not found: the ${curlSamples.length} curl samples are not run`, () => {});
  } else {
    for (const sample of curlSamples) {
      it(sampleName(sample), async () => expectPassed(await runCurlSample(curl, sample)));
    }
  }

  it("fail when one calls an issue other than its example's", async () => {
    const named = samples.filter((sample) => sample.pathValues.issue_id !== undefined);
    expect(new Set(named.map(({ form }) => form))).toEqual(new Set(SAMPLE_FORMS));
    for (const sample of named) {
      if (sample.form === "curl" && curl === undefined) continue;
      const drifted = edited(sample, sample.pathValues.issue_id!, OTHER_ISSUE_ID);
      const failure =
        sample.form === "curl"
          ? await runCurlSample(curl!, drifted)
          : await runSampleInProcess(project, drifted);
      expect(failure).toMatch(new RegExp(`^${sampleName(sample)}: .*answered 404`));
    }
  });

  it("fail when one sends another query value than its example's", async () => {
    const withQuery = samples.filter((sample) => Object.keys(sample.query).length > 0);
    expect(new Set(withQuery.map(({ form }) => form))).toEqual(new Set(SAMPLE_FORMS));
    for (const sample of withQuery) {
      if (sample.form === "curl" && curl === undefined) continue;
      const [name, value] = Object.entries(sample.query)[0]!;
      // `first=50` in the URL, `first: 50` in TypeScript: `first=509`, `first: 509`.
      const written = sample.form === "curl" ? `${name}=${value}` : `${name}: ${value}`;
      const drifted = edited(sample, written, `${written}9`);
      const failure =
        sample.form === "curl"
          ? await runCurlSample(curl!, drifted)
          : await runSampleInProcess(project, drifted);
      expect(failure).toMatch(new RegExp(`^${sampleName(sample)}: its query was .*${name}=${value}9`));
    }
  });

  it("fail when one sends another body value than its example's", async () => {
    // The title is free text: another one is still a valid body, which only the check of the body catches.
    const withTitle = samples.filter(
      (sample) => typeof (sample.body as { title?: unknown })?.title === "string",
    );
    expect(new Set(withTitle.map(({ form }) => form))).toEqual(new Set(SAMPLE_FORMS));
    for (const sample of withTitle) {
      if (sample.form === "curl" && curl === undefined) continue;
      const title = JSON.stringify((sample.body as { title: string }).title);
      const drifted = edited(sample, title, JSON.stringify("Drifted title"));
      const failure =
        sample.form === "curl"
          ? await runCurlSample(curl!, drifted)
          : await runSampleInProcess(project, drifted);
      expect(failure).toMatch(
        new RegExp(`^${sampleName(sample)}: the issue it left has title "Drifted title", not ${title}`),
      );
    }
  });
});

describe.skipIf(missingBuild !== undefined)("the sample harness", () => {
  const typeScript = [clientSample, openapiFetchSample, createSample];
  let project: SampleProject;
  beforeAll(async () => {
    project = await createSampleProject(typeScript);
  });
  afterAll(() => project?.dispose());

  it("passes well-written samples of each TypeScript form", async () => {
    expect(typeCheckSamples(project, typeScript).problems).toEqual([]);
    for (const sample of typeScript) expect(await runSampleInProcess(project, sample)).toBeUndefined();
  });

  it("names the operation, the form and the place of a type error", async () => {
    const broken = edited(clientSample, "issues.acknowledge(", "issues.acknowlege(");
    const drifted = await createSampleProject([broken, openapiFetchSample]);
    try {
      const { problems, problemsOf } = typeCheckSamples(drifted, [broken, openapiFetchSample]);
      expect(problemsOf(openapiFetchSample)).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^UpdateIssue · client: UpdateIssue\.client\.ts\(\d+,\d+\) TS2551 Property 'acknowlege' does not exist/,
      );
    } finally {
      await drifted.dispose();
    }
  });

  it("fails a sample that calls an issue the example does not name: a 404", async () => {
    for (const sample of [clientSample, openapiFetchSample]) {
      const failure = await runSampleInProcess(project, edited(sample, ISSUE_ID, OTHER_ISSUE_ID));
      expect(failure).toMatch(new RegExp(`^${sampleName(sample)}: `));
      expect(failure).toContain("404");
    }
  });

  it("fails a sample whose call gets another status than the example's", async () => {
    const failure = await runSampleInProcess(project, { ...createSample, expectedStatus: 200 });
    expect(failure).toContain("CreateIssue · client: ");
    expect(failure).toContain("POST /o/01KJPWD6M0MD8SP6RARAKC9170/issues answered 201, not 200");
  });

  it("shows what a failing sample printed", async () => {
    const noisy = edited(
      clientSample,
      "const issue =",
      'console.log("about to acknowledge");\nconst issue =',
    );
    const failure = await runSampleInProcess(project, edited(noisy, ISSUE_ID, OTHER_ISSUE_ID));
    expect(failure).toContain("about to acknowledge");
  });

  it("refuses a sample whose openapi-fetch client is not on the sample's server", async () => {
    const elsewhere = edited(
      openapiFetchSample,
      `baseUrl: "${SERVER}"`,
      'baseUrl: "https://example.com/api"',
    );
    expect(await runSampleInProcess(project, elsewhere)).toContain("https://example.com/api");
  });

  it("stops a sample that never finishes", async () => {
    const stuck = edited(clientSample, "const issue =", "await new Promise(() => {});\nconst issue =");
    expect(await runSampleInProcess(project, stuck, { timeoutMs: 200 })).toContain(
      "did not finish within 200 ms",
    );
  });

  it.skipIf(curl === undefined)("runs a curl sample and fails it on a 404", async () => {
    expect(await runCurlSample(curl!, curlSample)).toBeUndefined();
    const failure = await runCurlSample(curl!, edited(curlSample, ISSUE_ID, OTHER_ISSUE_ID));
    expect(failure).toMatch(/^UpdateIssue · curl: .*answered 404/);
  });

  it.skipIf(curl === undefined)("never lets a curl sample reach another server", async () => {
    const elsewhere = edited(curlSample, `'${SERVER}/o/`, "'https://example.com/o/");
    const failure = await runCurlSample(curl!, elsewhere);
    expect(failure).toBe(
      `UpdateIssue · curl: not run: its server ${SERVER} is not where it sends its request`,
    );
    // Another URL beside the fake's: the proxy on 127.0.0.1's discard port refuses it.
    const alsoElsewhere = edited(curlSample, "-H ", "https://example.com/ -H ");
    const refused = await runCurlSample(curl!, alsoElsewhere);
    expect(refused).toMatch(/^UpdateIssue · curl: it exited with [1-9]/);
    expect(refused).toContain("127.0.0.1 port 9");
  });

  it("fails a sample whose body drifts, or whose outcome the body does not show", async () => {
    const retitled = edited(createSample, '"Order sync failed"', '"Order sync failing"');
    expect(await runSampleInProcess(project, retitled)).toMatch(
      /^CreateIssue · client: the issue it left has title "Order sync failing", not "Order sync failed" as its body sends/,
    );
    // The body lists a field the call does not send: the issue keeps the fake's default.
    const unsent = { ...openapiFetchSample, body: { status: "acked", title: "Never sent" } };
    expect(await runSampleInProcess(project, unsent)).toMatch(
      /^UpdateIssue · openapi-fetch: the issue it left has title "Order sync failed", not "Never sent"/,
    );
  });

  it.skipIf(curl === undefined)("checks the query in any order, and fails one that drifts", async () => {
    expect(await runCurlSample(curl!, listCurlSample)).toBeUndefined();
    expect(await runCurlSample(curl!, edited(listCurlSample, "first=50", "first=999"))).toMatch(
      /^ListIssues · curl: its query was first=999&search_date=lastSeenAt, not first=50&search_date=lastSeenAt/,
    );
    const fewer = { ...listCurlSample, query: { first: "50" } };
    expect(await runCurlSample(curl!, fewer)).toMatch(
      /^ListIssues · curl: its query was first=50&search_date=lastSeenAt, not first=50;/,
    );
  });

  it.skipIf(curl === undefined)(
    "points only a curl sample's URL at the fake, not a value in its body",
    async () => {
      const message = `${SERVER}/o/${ORGANISATION_ID}/issues answered 503`;
      const withServer = {
        ...edited(curlSample, `'{"status":"acked"}'`, `'${JSON.stringify({ message })}'`),
        body: { message },
      };
      expect(await runCurlSample(curl!, withServer)).toBeUndefined();
    },
  );

  it.skipIf(curl === undefined)("refuses a curl sample's call to localhost", async () => {
    let reached = 0;
    const local = createServer((_incoming, outgoing) => {
      reached += 1;
      outgoing.end("{}");
    });
    await new Promise<void>((listening) => local.listen(0, "127.0.0.1", listening));
    try {
      const { port } = local.address() as AddressInfo;
      const alsoLocal = edited(
        curlSample,
        `-H "Authorization`,
        `'http://localhost:${port}/' -H "Authorization`,
      );
      const refused = await runCurlSample(curl!, alsoLocal);
      expect(refused).toMatch(/^UpdateIssue · curl: it exited with [1-9]/);
      expect(reached).toBe(0);
    } finally {
      await new Promise((closed) => local.close(closed));
    }
  });

  it("finds no curl on a PATH without one", () => {
    expect(findCurl("/nonexistent")).toBeUndefined();
  });
});

describe("the check of the built package", () => {
  it("says when src/ changed after dist/ was built", async () => {
    const root = await mkdtemp(join(tmpdir(), "versori-issues-api-stale-dist-"));
    try {
      for (const folder of ["dist", "src", "generated"]) await mkdir(join(root, folder));
      await writeFile(join(root, "src/client.ts"), "");
      await writeFile(join(root, "dist/index.js"), "");
      expect(staleBuildNote(root)).toBeUndefined();
      const anHourAgo = new Date(Date.now() - 3_600_000);
      await utimes(join(root, "dist/index.js"), anHourAgo, anHourAgo);
      expect(staleBuildNote(root)).toBe(
        "src/ or generated/ changed after dist/ was built: run `npm run build:dist` and test again",
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("says in one line to build the package when dist/ is missing", async () => {
    const empty = await mkdtemp(join(tmpdir(), "versori-issues-api-no-dist-"));
    try {
      expect(builtPackageProblem(empty)).toBe(
        "dist/ is missing: run `npm run build:dist` first (CI's `npm run build` does it)",
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
