/**
 * Every code sample of the docs page is run (issue 26 §2): the TypeScript ones type-checked
 * together against the built package and run against the in-process fake, the curl ones run with
 * the system's curl against the HTTP fake on loopback. A sample that drifts from the API or the
 * client fails its test, which is named after the operation and the form.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
} from "../support/samples/sample-project.ts";
import { typeCheckSamples } from "../support/samples/type-check.ts";

const curl = findCurl();

describe("the sample harness", () => {
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
    const drifted = await createSampleProject([broken]);
    try {
      const { problems } = typeCheckSamples(drifted, [broken]);
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

  it.skipIf(curl === undefined)("never runs a curl sample that would reach another server", async () => {
    const elsewhere = edited(curlSample, `"${SERVER}/o/`, '"https://example.com/o/');
    expect(await runCurlSample(curl!, elsewhere)).toBe(
      `UpdateIssue · curl: not run: it calls https://example.com/o/${clientSample.pathValues.organisation_id}/issues/${ISSUE_ID}, not ${SERVER}`,
    );
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
