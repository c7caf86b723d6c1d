/**
 * openapi/upstream/platform-api.yaml: Versori's description as last recorded. The differences
 * that openapi/upstream-differences.yaml lists are those between it and our spec, so that an
 * edit of ours is judged against a fixed upstream, and a change of Versori's against a fixed copy.
 */
import { loadUpstream } from "./load.ts";

export const RECORDED_FILE = "openapi/upstream/platform-api.yaml";

/** The recorded copy, read like any upstream description; a problem names the file. */
export function loadRecorded(root: string): Promise<Record<string, unknown>> {
  return loadUpstream(RECORDED_FILE, { cwd: root });
}
