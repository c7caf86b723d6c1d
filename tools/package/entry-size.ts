/** The client entry's size as consumers ship it: bundled with esbuild, minified, gzipped. */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "../lib/paths.ts";

/** The budget for the client entry, openapi-fetch included, in bytes (6.6 kB: PERFORMANCE.md, "The client", says what it holds). */
export const SIZE_BUDGET = 6600;

async function gzippedBundle(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

export async function entrySize() {
  return {
    client: await gzippedBundle(`export * from "./src/index.ts";`),
    openapiFetch: await gzippedBundle(`export { default } from "openapi-fetch";`),
    budget: SIZE_BUDGET,
  };
}
