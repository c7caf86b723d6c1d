/**
 * The order vitest starts the test files in: the longest-running first, so that the two
 * workers of a 2-core machine end together rather than one of them running a two-minute file
 * alone at the end. Vitest does this by itself from the durations it cached on an earlier run;
 * a fresh clone (CI's) has none, and vitest then starts the largest files first, which are not
 * the longest. The list holds the files that `npm test`'s slowest-files report shows taking
 * 25 s or more; anything else keeps vitest's own order after them.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LONGEST_FIRST = [
  "test/release/spec-edit-loop.test.ts",
  "test/release/redo.test.ts",
  "test/package/package.test.ts",
  "test/pipeline/breaking.test.ts",
  "test/release/changelog.test.ts",
];

const rank = (file: TestSpecification) => {
  const at = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(name));
  return at === -1 ? LONGEST_FIRST.length : at;
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // A stable sort: the files of one rank keep the order vitest gave them.
    return (await super.sort(files)).toSorted((one, other) => rank(one) - rank(other));
  }
}
