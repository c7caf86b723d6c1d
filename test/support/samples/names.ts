/** How the harness names a sample in test names and failures: the operation and the form. */
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";

/** `UpdateIssue · openapi-fetch`. */
export const sampleName = (sample: Pick<CodeSample, "operationId" | "form">): string =>
  `${sample.operationId} · ${sample.form}`;

/** The file a TypeScript sample is written to: `UpdateIssue.openapi-fetch.ts`. */
export const sampleFileName = (sample: Pick<CodeSample, "operationId" | "form">): string =>
  `${sample.operationId}.${sample.form}.ts`;
