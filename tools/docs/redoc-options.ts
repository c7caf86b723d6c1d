/**
 * Redoc's options for the docs page, from the page's copy of the spec. Redoc 3 offers beside an
 * operation only the sample languages its `codeSamples.languages` option lists (by default curl,
 * JavaScript, Python and others it writes itself, and the request's payload), and takes an
 * operation's `x-codeSamples` entry for the language of the same label. So the page lists the
 * labels its samples use, in the order they first come, and the payload after them.
 */
import type { BundledSpec } from "./bundled-spec.ts";
import { operationsOf } from "./spec-reading.ts";

export interface SampleLanguage {
  lang: string;
  label: string;
}

export interface RedocOptions {
  codeSamples: { languages: SampleLanguage[] };
}

/** Redoc's own entry for the request body as JSON, which it shows for any operation with one. */
const PAYLOAD: SampleLanguage = { lang: "payload", label: "Payload" };

export function redocOptions(spec: BundledSpec): RedocOptions {
  const languages = new Map<string, SampleLanguage>();
  for (const { operation } of operationsOf(spec)) {
    const samples = Array.isArray(operation["x-codeSamples"]) ? operation["x-codeSamples"] : [];
    for (const { lang, label } of samples as SampleLanguage[]) {
      if (!languages.has(label)) languages.set(label, { lang, label });
    }
  }
  return { codeSamples: { languages: [...languages.values(), PAYLOAD] } };
}
