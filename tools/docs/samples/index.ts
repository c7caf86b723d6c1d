/**
 * The code samples beside every operation on the page: `x-codeSamples`, one in each form
 * (SAMPLE_FORMS) for every operation of the spec, made from the operation's first request
 * example. test/docs/samples-run.test.ts runs every one of them.
 */
import type { BundledSpec } from "../bundled-spec.ts";
import { clientSample } from "./client.ts";
import { type CodeSample, SAMPLE_FORMS, type SampleForm } from "./code-sample.ts";
import { curlSample } from "./curl.ts";
import { formatTypeScript } from "./format.ts";
import { openapiFetchSample } from "./openapi-fetch.ts";
import { operationsOf, type SpecObject } from "../spec-reading.ts";
import { type SampleRequest, sampleRequest, wireQuery } from "./sample-request.ts";

/** How each form is written, and what `x-codeSamples` calls it. */
const FORMS: Record<
  SampleForm,
  {
    lang: CodeSample["lang"];
    label: string;
    write: (request: SampleRequest, spec: BundledSpec) => Promise<string>;
  }
> = {
  curl: { lang: "Shell", label: "curl", write: async (request) => curlSample(request) },
  client: {
    lang: "TypeScript",
    label: "TypeScript (versori-issues-api)",
    write: (request, spec) => formatTypeScript(clientSample(spec, request)),
  },
  "openapi-fetch": {
    lang: "TypeScript",
    label: "TypeScript (openapi-fetch)",
    write: (request) => formatTypeScript(openapiFetchSample(request)),
  },
};

/** Every operation's samples, operation by operation in the spec's order, each in SAMPLE_FORMS order. */
export async function codeSamples(spec: BundledSpec): Promise<CodeSample[]> {
  return (await samplesByOperation(spec)).flatMap(({ samples }) => samples);
}

/** Adds each operation's samples to the page's copy of the spec, in place, over any it had. */
export async function addCodeSamples(spec: BundledSpec): Promise<void> {
  for (const { operation, samples } of await samplesByOperation(spec)) {
    operation["x-codeSamples"] = samples.map(({ lang, label, source }) => ({ lang, label, source }));
  }
}

/** Each operation with its samples, all formatted at once. */
function samplesByOperation(spec: BundledSpec): Promise<{ operation: SpecObject; samples: CodeSample[] }[]> {
  return Promise.all(
    operationsOf(spec).map(async (found) => {
      const request = sampleRequest(spec, found);
      const samples = await Promise.all(SAMPLE_FORMS.map((form) => sampleOf(spec, request, form)));
      return { operation: found.operation, samples };
    }),
  );
}

async function sampleOf(spec: BundledSpec, request: SampleRequest, form: SampleForm): Promise<CodeSample> {
  const { lang, label, write } = FORMS[form];
  return {
    operationId: request.operationId,
    method: request.method,
    path: request.path,
    form,
    lang,
    label,
    source: await write(request, spec),
    pathValues: request.pathValues,
    query: wireQuery(request.query),
    ...(request.body ? { body: request.body.value } : {}),
    server: request.server,
    expectedStatus: request.expectedStatus,
  };
}
