/**
 * Versori's description, read from a file or fetched from a URL and parsed as YAML (which JSON
 * is too). A problem is one line that says what is wrong and where: the file and line of a
 * syntax error, the status a server answered, or a size over the limit.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { messageOf, PipelineError } from "../lib/command.ts";

const FETCH_TIMEOUT_MS = 30_000;
// yaml's own default: how many times the values behind aliases may be copied, in all.
const MAX_ALIAS_COUNT = 100;
/**
 * How large a description may be, by default: several times Versori's, about 300 kB. Whatever a
 * URL answers is held in memory, then parsed at several times its size; a wrong URL, or a server
 * that never stops, must not take the machine's memory with it.
 */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export const isUrl = (source: string) => /^https?:\/\//i.test(source);

export interface LoadOptions {
  /** Where a relative file name is read from. */
  cwd?: string | undefined;
  /** The most bytes the description may have (`--max-bytes`). */
  maxBytes?: number | undefined;
}

const tooLarge = (what: string, maxBytes: number) =>
  new PipelineError([`${what} is larger than the limit of ${maxBytes} bytes (--max-bytes)`]);

export async function loadUpstream(
  source: string,
  { cwd = process.cwd(), maxBytes = DEFAULT_MAX_BYTES }: LoadOptions = {},
): Promise<Record<string, unknown>> {
  const text = isUrl(source)
    ? await download(source, maxBytes)
    : await readLocal(resolve(cwd, source), source, maxBytes);
  const lineCounter = new LineCounter();
  // Problems are reported in the lines below; the yaml package's warnings would print the
  // document's own text on stderr.
  const document = parseDocument(text, { lineCounter, logLevel: "error" });
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

async function readLocal(path: string, source: string, maxBytes: number): Promise<string> {
  try {
    const stats = await stat(path);
    if (stats.isFile()) {
      if (stats.size > maxBytes) throw tooLarge(`${source}: the file`, maxBytes);
      return await readFile(path, "utf8");
    }
    if (stats.isDirectory()) throw Object.assign(new Error("it is a folder"), { code: "EISDIR" });
    // A pipe or a device has no size to check first: it is read up to the limit.
    return await readAtMost(createReadStream(path), maxBytes, () =>
      tooLarge(`${source}: the file`, maxBytes),
    );
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : messageOf(error);
    throw new PipelineError([`${source}: cannot be read: ${why}`]);
  }
}

async function download(url: string, maxBytes: number): Promise<string> {
  // Aborting ends the transfer, and closes the connection, once the answer is known to be too large.
  const stop = new AbortController();
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.any([stop.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
      redirect: "follow",
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new PipelineError([`GET ${url} failed: ${messageOf(cause ?? error)}`]);
  }
  if (!response.ok) {
    stop.abort();
    throw new PipelineError([`GET ${url} answered ${response.status} ${response.statusText}`.trimEnd()]);
  }
  const refuse = () => {
    stop.abort();
    return tooLarge(`GET ${url}: the answer`, maxBytes);
  };
  // A length declared over the limit is refused before a byte of the body is read.
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw refuse();
  try {
    // Counted as it arrives, after any decompression: what is held in memory is what counts.
    return await readAtMost(response.body ?? [], maxBytes, refuse);
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    throw new PipelineError([`GET ${url} failed while reading the body: ${messageOf(error)}`]);
  }
}

/** The text of `chunks`, rejecting with `tooMany()` as soon as they come to more than `maxBytes`. */
async function readAtMost(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
  tooMany: () => Error,
): Promise<string> {
  const read: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw tooMany();
    read.push(chunk);
  }
  return Buffer.concat(read).toString("utf8");
}
