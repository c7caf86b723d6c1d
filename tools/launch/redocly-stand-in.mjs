// @ts-check
/**
 * What openapi-typescript gets for `@redocly/openapi-core` in the types worker's build of it
 * (compiled.mjs): the part it calls, with its lint and bundle left to the pipeline.
 *
 * Before compiling, openapi-typescript lints its input and bundles it with its own copy of
 * Redocly, about three quarters of the bytes of its build. The pipeline hands it a spec that
 * Redocly has bundled already, with every `$ref` inside it (and a `components` object, which
 * Redocly's bundle adds), and that the pipeline has linted with redocly.yaml, which keeps as
 * errors the rules openapi-typescript refuses a spec on (tools/pipeline/types-lint-rules.ts). So
 * here the lint finds nothing, and the bundle is the document as given.
 * test/pipeline/redocly-stand-in.test.ts compares this build's types with the installed
 * package's.
 *
 * `npm run dev` and `check:breaking` load the installed openapi-typescript, whole.
 */

/** Its default lint configuration, which the stand-in lint below never reads. */
export async function createConfig() {
  return {};
}

/** Resolves nothing: a document given as an object has no reference to another file. */
export class BaseResolver {}

/** A document's text and where it came from, as openapi-typescript builds one for an object. */
export class Source {
  /** @param {string} absoluteRef @param {string} body @param {string} [mimeType] */
  constructor(absoluteRef, body, mimeType) {
    this.absoluteRef = absoluteRef;
    this.body = body;
    this.mimeType = mimeType;
  }
}

/** The pipeline's lint ran already, with the rules this one would apply: nothing is left to find. */
export async function lintDocument() {
  return [];
}

/**
 * The pipeline's bundle ran already: every `$ref` left points inside the document.
 * @param {{ doc: { parsed: unknown } }} options
 */
export async function bundle({ doc }) {
  return { bundle: doc, problems: [] };
}

/** Parsing text is not needed: the pipeline passes the spec as an object. */
export function makeDocumentFromString() {
  throw new Error("the types worker compiles a bundled spec given as an object, not as text");
}
