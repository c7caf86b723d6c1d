/** The code samples beside every operation on the page: `x-codeSamples`. */
import type { BundledSpec } from "../bundled-spec.ts";

/** Adds each operation's samples to the page's copy of the spec, in place. */
export async function addCodeSamples(_spec: BundledSpec): Promise<void> {}
