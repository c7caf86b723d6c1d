/**
 * Every code sample of the docs page is run (issue 26 §2): the TypeScript ones type-checked
 * together against the built package and run against the in-process fake, the curl ones run with
 * the system's curl against the HTTP fake on loopback. A sample that drifts from the API or the
 * client fails its test, which is named after the operation and the form: `UpdateIssue · curl`.
 */
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
        /^UpdateIssue · client: UpdateIssue\.client\.ts\(8,28\) TS2551 Property 'acknowlege' does not exist/,
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
