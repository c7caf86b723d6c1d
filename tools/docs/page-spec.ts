/**
 * The docs page's own copy of the bundled spec: what `npm run docs` renders and `npm run dev`
 * shows. It is the spec as generated/openapi.json holds it, with what only a reader needs added:
 * sections of the introduction made from the project's other sources (sections/) and a code
 * sample in each form beside every operation (`x-codeSamples`, samples/). The spec you edit,
 * generated/ and the package's openapi.json never carry them; the page's download links serve
 * the spec without them too.
 */
import type { BundledSpec } from "./bundled-spec.ts";
import { addCodeSamples } from "./samples/index.ts";
import { addSections } from "./sections/index.ts";

/** The page's copy of `spec` (the bundled spec's JSON text), as JSON text. */
export async function pageSpec(spec: string): Promise<string> {
  const copy = JSON.parse(spec) as BundledSpec;
  await addSections(copy);
  await addCodeSamples(copy);
  return JSON.stringify(copy, null, 2);
}
