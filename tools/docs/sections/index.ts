/** Sections the page's introduction gains from the project's other sources. */
import type { BundledSpec } from "../bundled-spec.ts";

/** Adds the sections to the page's copy of the spec, in place. */
export async function addSections(_spec: BundledSpec): Promise<void> {}
