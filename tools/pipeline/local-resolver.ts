/**
 * Redocly's resolver, limited to the repository: it refuses every reference to a URL, and to any
 * path that is not a regular file inside the repository's root once links are followed. The
 * build must never hang on, or change with, a file that git does not track: a file somewhere
 * else, a link that leads out, or a FIFO that a read would wait on forever. The lint reports a
 * refusal as `no-unresolved-refs` at the reference's file:line.
 */
import type { Stats } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";
import { BaseResolver, isAbsoluteUrl, type ResolveConfig, ResolveError, Source } from "@redocly/openapi-core";

const ONLY_THE_REPOSITORY = "the spec must refer only to files in the repository";

export class LocalResolver extends BaseResolver {
  /** @param root The repository's root folder: every file read must be inside it. */
  constructor(
    readonly root: string,
    config?: ResolveConfig,
  ) {
    super(config);
  }

  /**
   * A resolver for a second reader of the same files, holding copies of the documents this one
   * has read so far. The bundler moves and rewrites nodes in the documents it reads, which the
   * lint must not see; the copies spare parsing the YAML again. A file that failed to load is
   * left out, so that the second reader loads it and meets the same failure.
   */
  async withCopies(): Promise<LocalResolver> {
    const copy = new LocalResolver(this.root, this.config);
    for (const [ref, loading] of this.cache) {
      const document = await loading;
      if (document instanceof Error) continue;
      copy.cache.set(
        ref,
        Promise.resolve({ source: document.source, parsed: structuredClone(document.parsed) }),
      );
    }
    return copy;
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) {
      throw new Error(`${absoluteRef} is a remote reference; ${ONLY_THE_REPOSITORY}`);
    }
    let body: string;
    try {
      body = (await readInRepository(this.root, absoluteRef)).toString("utf8");
    } catch (error) {
      if (!(error instanceof RepositoryFileError)) throw new ResolveError(error as Error);
      // A refusal says what the spec may refer to; a missing file keeps its code, which callers
      // that word a missing spec themselves look for.
      const message = error.code ? error.message : `${error.message}; ${ONLY_THE_REPOSITORY}`;
      throw new ResolveError(Object.assign(new Error(message), { code: error.code }));
    }
    // As Redocly's own resolver reads a file: Windows line ends would shift every column.
    return new Source(absoluteRef, body.replace(/\r\n/g, "\n"));
  }
}

/** Why a file is not read: its name (relative to the root when inside it), then the reason. */
export class RepositoryFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, to follow the file's name: `is outside the repository`. */
    readonly reason: string,
    /** The system's code when the file could not be read (ENOENT); none when it was refused. */
    readonly code?: string,
  ) {
    super(`${file} ${reason}`);
    this.name = "RepositoryFileError";
  }
}

/**
 * The bytes of the file at the absolute `path`, which must be a regular file inside `root` once
 * every link on the way is followed: checked before anything is opened, since opening a FIFO
 * blocks. Rejects with a RepositoryFileError.
 */
export async function readInRepository(root: string, path: string): Promise<Buffer> {
  const named = within(root, path) ? relative(root, path) : path;
  try {
    const real = await realpath(path);
    if (!within(await realpath(root), real)) {
      const how = within(root, path)
        ? `leads outside the repository, to ${real}`
        : "is outside the repository";
      throw new RepositoryFileError(named, how);
    }
    const stats = await stat(real);
    if (!stats.isFile()) throw new RepositoryFileError(named, `is not a regular file but ${kindOf(stats)}`);
    return await readFile(real);
  } catch (error) {
    if (error instanceof RepositoryFileError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be read: ${message}`;
    throw new RepositoryFileError(named, reason, code ?? "EIO");
  }
}

/** Whether `path` is `folder` or inside it, by their names alone. */
function within(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest !== ".." && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}
