// @ts-check
/**
 * What openapi-typescript gets for `@redocly/openapi-core` in the types worker's build of it
 * (compiled.mjs): the part it calls, minus the lint and the bundle, for a spec the pipeline has
 * already linted and bundled.
 *
 * Before compiling, openapi-typescript lints and bundles its input with its own copy of
 * Redocly, about three quarters of what the worker would otherwise load. The pipeline hands it
 * a spec that the pipeline bundled, and that it linted with redocly.yaml, which keeps every rule
 * openapi-typescript's lint refuses a spec on as an error (tools/pipeline/types-lint-rules.ts
 * checks that). So here that lint finds nothing, and the bundle is the document as given. The
 * pipeline compares the two builds' output in test/pipeline/redocly-stand-in.test.ts.
 *
 * `npm run dev` and the release gate's `check:breaking` load the installed openapi-typescript,
 * whole.
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

/** The pipeline's lint ran already, with a superset of these rules: nothing is left to find. */
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
