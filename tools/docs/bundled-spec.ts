/** A bundled spec, as JSON.parse reads generated/openapi.json: every `$ref` in it is local. */
export type BundledSpec = Record<string, unknown>;
