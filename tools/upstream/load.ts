/**
 * Versori's description, read from a file or fetched from a URL and parsed as YAML (which JSON
 * is too). A problem is one line that says what is wrong and where: the file and line of a
 * syntax error, or the status a server answered.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { messageOf, PipelineError } from "../lib/command.ts";

const FETCH_TIMEOUT_MS = 30_000;
// yaml's own default: how many times the values behind aliases may be copied, in all.
const MAX_ALIAS_COUNT = 100;

export const isUrl = (source: string) => /^https?:\/\//i.test(source);

export async function loadUpstream(source: string, cwd = process.cwd()): Promise<Record<string, unknown>> {
  const text = isUrl(source) ? await download(source) : await readLocal(resolve(cwd, source), source);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const [syntax] = document.errors;
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new PipelineError([`${source}:${line}:${col} ${syntax.message.split("\n", 1)[0]}`]);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new PipelineError([`${source}: ${messageOf(error)}`]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PipelineError([`${source}: it is not an OpenAPI document: it is not a mapping`]);
  }
  return value as Record<string, unknown>;
}

async function readLocal(path: string, source: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : messageOf(error);
    throw new PipelineError([`${source}: cannot be read: ${why}`]);
  }
}

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new PipelineError([`GET ${url} failed: ${messageOf(cause ?? error)}`]);
  }
  if (!response.ok) {
    throw new PipelineError([`GET ${url} answered ${response.status} ${response.statusText}`.trimEnd()]);
  }
  try {
    return await response.text();
  } catch (error) {
    throw new PipelineError([`GET ${url} failed while reading the body: ${messageOf(error)}`]);
  }
}
