/**
 * The docs page rendered in this process, for `npm run dev`: Redocly CLI's own build-docs
 * handler, loaded once, renders a page in about 100 ms where starting the CLI takes about
 * 650 ms. Its output is byte for byte the CLI's (a test compares them).
 *
 * The handler is not a public API: it is found by its export name among the CLI's bundled
 * chunks. When a version of the CLI has no such export, there is no renderer and the docs are
 * built by starting the CLI, as `npm run docs` always does.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "@redocly/openapi-core";
import { ROOT } from "../lib/paths.ts";
import "../lib/redocly.ts";

const CHUNKS = "node_modules/@redocly/cli/lib/chunks";
const EXPORT = "as handlerBuildCommand}";

/** Renders the page for the spec file `api` into `output`, as `redocly build-docs` would. */
export type DocsRenderer = (args: BuildDocsArguments) => Promise<void>;

export interface BuildDocsArguments {
  api: string;
  output: string;
  title: string;
  template: string;
}

type Handler = (input: {
  argv: Record<string, unknown>;
  config: unknown;
  collectSpecData: () => void;
}) => Promise<void>;

export async function loadDocsRenderer(root = ROOT): Promise<DocsRenderer | undefined> {
  try {
    return await findRenderer(root);
  } catch {
    return undefined; // whatever went wrong, the CLI still builds the docs
  }
}

async function findRenderer(root: string): Promise<DocsRenderer | undefined> {
  const dir = join(root, CHUNKS);
  const names = await readdir(dir).catch(() => [] as string[]);
  let handler: Handler | undefined;
  for (const name of names.filter((file) => file.endsWith(".js"))) {
    if (!(await readFile(join(dir, name), "utf8")).includes(EXPORT)) continue;
    handler = (await import(pathToFileURL(join(dir, name)).href)).handlerBuildCommand;
    break;
  }
  if (typeof handler !== "function") return undefined;
  const config = await loadConfig({ configPath: join(root, "redocly.yaml") });
  const build = handler;
  return async ({ api, output, title, template }) => {
    // The handler reports to the console as the CLI would; here that would bury the watcher's
    // own status lines, so its output is dropped while it runs (one render at a time).
    await quietly(() =>
      build({
        argv: { api, o: output, title, template, inlineBundle: true },
        config,
        collectSpecData: () => {},
      }),
    );
  };
}

async function quietly(fn: () => Promise<void>): Promise<void> {
  const { write: out } = process.stdout;
  const { write: err } = process.stderr;
  const drop = (() => true) as typeof process.stdout.write;
  process.stdout.write = drop;
  process.stderr.write = drop;
  try {
    await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
