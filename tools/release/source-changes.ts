/**
 * The changelog's "Client and fake" section: what changed in src/ since the last release, read
 * from git. The client's methods (the members of `IssuesClient` in src/client.ts) are compared
 * by name, and rated: a method added is a minor change, one removed a major one. Every commit
 * since the release that touched src/ is listed by its subject, and files changed in no commit
 * yet by their names. Without a git repository, or a commit that holds the last release, there
 * is nothing to compare with, and the section is left out.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import type { Change } from "./change.ts";
import { git, releaseCommit } from "./git.ts";

export const SOURCE_DIR = "src";
const CLIENT_FILE = "src/client.ts";
const CLIENT_INTERFACE = "IssuesClient";

/** The changes to src/ since the release `since` (its version and snapshot file), most severe first. */
export async function sourceChangesSince(
  root: string,
  since: { version: string; file: string },
): Promise<Change[]> {
  const base = await releaseCommit(root, since.version, since.file);
  if (base === undefined) return [];
  const changes = await methodChanges(root, base);
  const subjects = await git(root, "log", "--reverse", "--format=%s", `${base}..HEAD`, "--", SOURCE_DIR);
  for (const subject of lines(subjects)) changes.push({ impact: "patch", where: "", what: subject });
  const uncommitted = [
    ...lines(await git(root, "diff", "--name-only", "HEAD", "--", SOURCE_DIR)),
    ...lines(await git(root, "ls-files", "--others", "--exclude-standard", "--", SOURCE_DIR)),
  ];
  if (uncommitted.length > 0) {
    changes.push({
      impact: "patch",
      where: "",
      what: `Changed without a commit of its own: ${uncommitted.join(", ")}.`,
    });
  }
  return changes;
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

/** The client's methods added and removed since the commit `base`. */
async function methodChanges(root: string, base: string): Promise<Change[]> {
  const before = methodsOf(await git(root, "show", `${base}:${CLIENT_FILE}`).catch(() => ""));
  const after = methodsOf(await readFile(join(root, CLIENT_FILE), "utf8").catch(() => ""));
  const member = (name: string) => `\`${CLIENT_INTERFACE}.${name}\``;
  return [
    ...[...before]
      .filter((name) => !after.has(name))
      .map((name) => ({
        impact: "major" as const,
        where: "",
        what: `${member(name)} removed: code that calls it no longer compiles.`,
      })),
    ...[...after]
      .filter((name) => !before.has(name))
      .map((name) => ({
        impact: "minor" as const,
        where: "",
        what: `${member(name)} added: a new method of the client.`,
      })),
  ];
}

/** The names of the members of `interface IssuesClient` in a source file's text. */
function methodsOf(text: string): Set<string> {
  const source = ts.createSourceFile(CLIENT_FILE, text, ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== CLIENT_INTERFACE) continue;
    for (const member of statement.members) {
      if (member.name && ts.isIdentifier(member.name)) names.add(member.name.text);
    }
  }
  return names;
}
