/**
 * A release snapshot (openapi/releases/<version>.json), read for the breaking-change gate. It is
 * checked before anything else sees it: a regular file inside the repository, UTF-8 text, JSON,
 * an OpenAPI document. Then it is bundled with the repository's resolver, which follows no URL and
 * reads no file outside the repository, so that the diff gets a copy with nothing left to fetch:
 * `npm test` downloads nothing, and a broken snapshot is one line that names it, not a crash in
 * Redocly's CLI.
 */
import { join } from "node:path";
import { bundle, createConfig, Source } from "@redocly/openapi-core";
import { messageOf, PipelineError } from "../lib/command.ts";
import { LocalResolver, RepositoryFileError, readInRepository } from "../pipeline/local-resolver.ts";
import { formatProblem } from "../pipeline/pipeline.ts";

/** A document as plain JSON; the release tools that read its parts type them as they go. */
type Spec = Record<string, unknown>;

export interface Snapshot {
  /** As released, with its `$ref`s inside it: which operations use a component is read from them. */
  bundled: Spec;
  /** With every `$ref` replaced by what it points at. */
  dereferenced: Spec;
}

/**
 * Reads the snapshot `file` (relative to `root`). Rejects with a PipelineError: one line that
 * names the file and what is wrong with it, or one per `$ref` the repository's resolver refused.
 */
export async function readSnapshot(root: string, file: string): Promise<Snapshot> {
  const path = join(root, file);
  const refuse = (what: string, at = ": ") => new PipelineError([`${file}${at}the release snapshot ${what}`]);
  let bytes: Buffer;
  try {
    bytes = await readInRepository(root, path);
  } catch (error) {
    throw refuse(error instanceof RepositoryFileError ? error.reason : `cannot be read: ${messageOf(error)}`);
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw refuse("is empty");
  const binary = notText(bytes, text);
  if (binary) throw refuse(`is not text: ${binary}`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { reason, position } = jsonProblem(messageOf(error), text);
    throw refuse(`is not JSON: ${reason}`, position === undefined ? ": " : `:${lineCol(text, position)} `);
  }
  const shape = notOpenApi(parsed);
  if (shape) throw refuse(`is not an OpenAPI document: ${shape}`);

  const config = await createConfig({});
  // Each bundle on a resolver and a document of its own: the bundler rewrites what it reads.
  const [bundled, dereferenced] = await Promise.all(
    [false, true].map(async (dereference) => {
      const result = await bundle({
        doc: { source: new Source(path, text), parsed: structuredClone(parsed) },
        config,
        dereference,
        externalRefResolver: new LocalResolver(root, config.resolve),
      }).catch((error: unknown) => {
        // Redocly refuses what it cannot bundle at all, such as an unknown `openapi` version.
        throw refuse(`is not an OpenAPI document: ${messageOf(error).split("\n", 1)[0]}`);
      });
      if (result.problems.length > 0) {
        throw new PipelineError(result.problems.map((problem) => formatProblem(root, problem)));
      }
      return result.bundle.parsed as Spec;
    }),
  );
  return { bundled: bundled!, dereferenced: dereferenced! };
}

/** Why bytes are not text, when they are not: a byte that is not UTF-8, or a NUL byte. */
function notText(bytes: Buffer, text: string): string | undefined {
  // Decoding replaced each byte that is not UTF-8, so the text encoded again differs from there.
  const again = Buffer.from(text, "utf8");
  if (!again.equals(bytes)) {
    let offset = 0;
    while (again[offset] === bytes[offset]) offset += 1;
    return `byte 0x${bytes[offset]!.toString(16).padStart(2, "0")} at offset ${offset} is not UTF-8`;
  }
  const nul = bytes.indexOf(0);
  return nul >= 0 ? `byte 0x00 at offset ${nul}` : undefined;
}

/**
 * What JSON.parse found wrong, in words without its quote of the text (which may be long, or
 * anything at all), and where when it says so.
 */
function jsonProblem(message: string, text: string): { reason: string; position?: number } {
  const at = /^(.*) in JSON at position (\d+)/s.exec(message);
  const end = text.trimEnd().length;
  if (at) {
    const position = Number(at[2]);
    const reason = at[1]!.charAt(0).toLowerCase() + at[1]!.slice(1);
    return position >= end
      ? { reason: `it ends part way through (${reason}): is it cut short?`, position }
      : { reason, position };
  }
  if (message.startsWith("Unexpected end of JSON input")) {
    return { reason: "it ends part way through: is it cut short?", position: end };
  }
  const token = /^Unexpected token '(.*?)', /s.exec(message)?.[1];
  if (token !== undefined) return { reason: `unexpected ${JSON.stringify(token)}` };
  return { reason: message.split("\n", 1)[0]! };
}

/** `line:col` of a character offset, as editors count them from 1. */
function lineCol(text: string, position: number): string {
  const lines = text.slice(0, position).split("\n");
  return `${lines.length}:${lines.at(-1)!.length + 1}`;
}

/** What a parsed snapshot lacks to be an OpenAPI document, when it lacks something. */
function notOpenApi(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "it is not an object";
  const document = value as Spec;
  if (typeof document.openapi !== "string") return "it has no `openapi` field";
  if (typeof document.paths !== "object" || document.paths === null) return "it has no `paths`";
  return undefined;
}
