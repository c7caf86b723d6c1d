/**
 * Prettier for the TypeScript samples, with the repository's own settings (.prettierrc.json)
 * but the width of the page's sample panel.
 * `npm run dev` makes the samples on every save, so prettier is loaded once, on first use, and a
 * source formatted before is not formatted again.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Options } from "prettier";
import { ROOT } from "../../lib/paths.ts";

/** Prettier's config file in the repository's root. */
const CONFIG_FILE = ".prettierrc.json";
/**
 * The longest line a sample has where prettier can break it: about what the docs page's sample
 * panel shows at its default width without scrolling sideways.
 */
export const SAMPLE_PRINT_WIDTH = 80;
/** More formatted sources than this and the memo starts again: a long `npm run dev` stays small. */
const MEMO_LIMIT = 500;

let formatter: Promise<(source: string) => Promise<string>> | undefined;
const memo = new Map<string, Promise<string>>();

/** `source`, TypeScript, as prettier formats it in this repository. */
export function formatTypeScript(source: string): Promise<string> {
  let formatted = memo.get(source);
  if (!formatted) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    formatter ??= loadFormatter();
    formatted = formatter.then((format) => format(source));
    memo.set(source, formatted);
    // A failure is reported to its caller, not kept: the next call tries again.
    formatted.catch(() => memo.delete(source));
  }
  return formatted;
}

/**
 * Prettier's standalone build with the TypeScript parser only: about half the load time of the
 * whole of prettier, which would also load every other language's plugin.
 */
async function loadFormatter(): Promise<(source: string) => Promise<string>> {
  const [{ format }, typescript, estree, config] = await Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/typescript"),
    import("prettier/plugins/estree"),
    repositoryConfig(),
  ]);
  const options: Options = {
    ...config,
    printWidth: SAMPLE_PRINT_WIDTH,
    parser: "typescript",
    plugins: [typescript, estree],
  };
  return (source) => format(source, options);
}

async function repositoryConfig(): Promise<Options> {
  let text: string;
  try {
    text = await readFile(join(ROOT, CONFIG_FILE), "utf8");
  } catch {
    return {};
  }
  return JSON.parse(text) as Options;
}
