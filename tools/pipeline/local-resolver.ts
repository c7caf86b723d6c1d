/**
 * Redocly's resolver, refusing every reference to a URL: the spec must be self-contained in the
 * repository, so that a build never hangs on, or changes with, a file somewhere else. The lint
 * reports the refusal as `no-unresolved-refs` at the reference's file:line.
 */
import { BaseResolver, isAbsoluteUrl, type Source } from "@redocly/openapi-core";

export class LocalResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) {
      throw new Error(
        `${absoluteRef} is a remote reference; the spec must refer only to files in the repository`,
      );
    }
    return super.loadExternalRef(absoluteRef);
  }
}
