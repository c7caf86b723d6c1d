/**
 * The TypeScript samples type-checked together, in one program of this repository's pinned
 * TypeScript, as a strict consumer's project would compile them against the built package.
 */
import { relative } from "node:path";
import ts from "typescript";
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";
import { sampleName } from "./names.ts";
import type { SampleProject } from "./sample-project.ts";

/** A strict consumer's settings: Node's ESM resolution, which reads the package's `exports`. */
const CONSUMER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  // The package's declarations are checked in full by the package tests; here, the samples.
  skipLibCheck: true,
  noEmit: true,
};

export interface TypeCheck {
  /** Every problem, one line each: `UpdateIssue · client: UpdateIssue.client.ts(9,28) TS2551 …`. */
  problems: string[];
  /** The problems of one sample, with those of no sample in particular (the options, a library). */
  problemsOf(sample: CodeSample): string[];
  /** How long the program took to build and check. */
  ms: number;
}

export function typeCheckSamples(project: SampleProject, samples: readonly CodeSample[]): TypeCheck {
  const started = performance.now();
  const sampleOf = new Map(samples.map((sample) => [project.fileOf(sample), sample]));
  const program = ts.createProgram({ rootNames: [...sampleOf.keys()], options: CONSUMER_OPTIONS });
  const bySample = new Map<CodeSample, string[]>(samples.map((sample) => [sample, []]));
  const general: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    const file = diagnostic.file;
    if (file === undefined || diagnostic.start === undefined) {
      general.push(`the samples' program: ${message}`);
      continue;
    }
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const where = `${relative(project.root, file.fileName)}(${line + 1},${character + 1})`;
    const sample = sampleOf.get(file.fileName);
    if (sample === undefined) general.push(`${where} ${message}`);
    else bySample.get(sample)!.push(`${sampleName(sample)}: ${where} ${message}`);
  }
  const ms = Math.round(performance.now() - started);
  return {
    problems: [...general, ...[...bySample.values()].flat()],
    problemsOf: (sample) => [...general, ...(bySample.get(sample) ?? [])],
    ms,
  };
}
