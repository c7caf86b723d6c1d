/**
 * Redocly's diff of two specs, with the rules in diff.redocly.yaml, read from its JSON report.
 * Each spec is written to a temp folder of its own first, so that the diff reads nothing else.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { messageOf, PipelineError } from "../lib/command.ts";
import { runRedoclyCli } from "../lib/redocly.ts";
import type { Impact } from "./change.ts";

/** One change in Redocly's report. Its paths are JSON pointers into the revision (or the base). */
export interface RedoclyChange {
  /** Where the change is reported: at a shared schema's first use, `#/paths/…/responses/200/…`. */
  path: string;
  kind: "added" | "removed" | "modified" | (string & {});
  impact: Impact;
  /** The keyword that changed, for a change inside a node: `enum`, `required`, `key`. */
  property?: string;
  /** Redocly's rules that fired, in its words; none for a change that breaks nothing. */
  verdicts: Array<{ ruleId: string; message: string; location?: { pointer?: string } }>;
  /** Where the change sits in each file: the pointer says where a shared schema really lives. */
  base?: { value?: unknown; pointer?: string };
  revision?: { value?: unknown; pointer?: string };
}

/**
 * The changes from `base` to `revision`, as Redocly reports them. `baseFile` names the release
 * snapshot in the one line that a failed diff rejects with (a PipelineError).
 */
export async function redoclyDiff(
  base: unknown,
  revision: unknown,
  { root, baseFile }: { root: string; baseFile: string },
): Promise<RedoclyChange[]> {
  const dir = await mkdtemp(join(tmpdir(), "issues-diff-"));
  try {
    const files = [join(dir, "base.json"), join(dir, "openapi.json")];
    await writeFile(files[0]!, JSON.stringify(base));
    await writeFile(files[1]!, JSON.stringify(revision));
    const config = join(root, "tools/release/diff.redocly.yaml");
    let stdout: string;
    try {
      ({ stdout } = await runRedoclyCli(
        ["diff", ...files, "--format", "json", "--fail-on", "none", "--config", config],
        root,
      ));
    } catch (error) {
      throw new PipelineError([`${baseFile}: redocly diff failed: ${diffFailure(error)}`]);
    }
    return reportOf(stdout, baseFile).changes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function reportOf(stdout: string, baseFile: string): { changes: RedoclyChange[] } {
  try {
    const report = JSON.parse(stdout);
    if (Array.isArray(report?.changes)) return report;
  } catch {}
  throw new PipelineError([`${baseFile}: redocly diff printed no report of changes (JSON with \`changes\`)`]);
}

/**
 * The line of Redocly's output that says why the diff failed: its first line that is not its
 * banner (a box of `║`), a blank or a stack frame; the error's message when there is none.
 */
function diffFailure(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? "");
  const said = stderr
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "" && !/^[╔║╚]/.test(line) && !line.startsWith("at "));
  return said ?? messageOf(error).split("\n", 1)[0]!;
}
