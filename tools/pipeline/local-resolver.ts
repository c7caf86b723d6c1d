/**
 * Redocly's resolver, refusing every reference to a URL: the spec must be self-contained in the
 * repository, so that a build never hangs on, or changes with, a file somewhere else. The lint
 * reports the refusal as `no-unresolved-refs` at the reference's file:line.
 */
import { BaseResolver, isAbsoluteUrl, type Source } from "@redocly/openapi-core";

export class LocalResolver extends BaseResolver {
  /**
   * A resolver for a second reader of the same files, holding copies of the documents this one
   * has read so far. The bundler moves and rewrites nodes in the documents it reads, which the
   * lint must not see; the copies spare parsing the YAML again. A file that failed to load is
   * left out, so that the second reader loads it and meets the same failure.
   */
  async withCopies(): Promise<LocalResolver> {
    const copy = new LocalResolver(this.config);
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
      throw new Error(
        `${absoluteRef} is a remote reference; the spec must refer only to files in the repository`,
      );
    }
    return super.loadExternalRef(absoluteRef);
  }
}
