/**
 * The supply-chain rules a GitHub workflow is held to, each returning one `file:line` line per
 * breach, so a failing test names every offending `uses:`, job or step at once.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";

type Permissions = string | Record<string, string> | undefined;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  permissions?: Permissions;
  steps?: Step[];
  uses?: string;
}

export interface Workflow {
  name: string;
  text: string;
  permissions: Permissions;
  jobs: Record<string, Job>;
  /** `name:line` of a node of the parsed document. */
  at: (node: Node | null | undefined) => string;
  /** Where a path such as `["jobs", "build", "steps", 2]` starts: a map entry's key, a list item. */
  nodeAt: (path: (string | number)[]) => Node | undefined;
  /** Every `uses:` value, with its node. */
  uses: { ref: string; node: Node }[];
}

export function loadWorkflow(name: string, text: string): Workflow {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const data = doc.toJS() as { permissions?: Permissions; jobs?: Record<string, Job> };
  const uses: Workflow["uses"] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value))
        uses.push({ ref: String(pair.value.value), node: pair.value });
    },
  });
  return {
    name,
    text,
    permissions: data.permissions,
    jobs: data.jobs ?? {},
    at: (node) => `${name}:${node?.range ? lines.linePos(node.range[0]).line : "?"}`,
    nodeAt: (path) => {
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
      const last = path.at(-1);
      if (isSeq(parent) && typeof last === "number") return parent.items[last] as Node | undefined;
      if (!isMap(parent)) return undefined;
      return parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key as
        Node | undefined;
    },
    uses,
  };
}

const PINNED = /@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\s*$/;

/**
 * Every action but a local one is named by a full commit SHA, whose version is in a comment on
 * the same line: a tag can be moved to other code after review, a commit cannot.
 */
export function unpinnedActions(workflow: Workflow): string[] {
  const rawLines = workflow.text.split("\n");
  return workflow.uses
    .filter(({ ref }) => !ref.startsWith("./"))
    .filter(({ node }) => {
      const line = node.range ? rawLines[lineIndex(workflow.text, node.range[0])] : undefined;
      return !PINNED.test(line ?? "");
    })
    .map(
      ({ ref, node }) => `${workflow.at(node)}: ${ref} is not a 40-hex commit SHA with "# vX.Y.Z" after it`,
    );
}

const lineIndex = (text: string, offset: number) => text.slice(0, offset).split("\n").length - 1;

/** The permissions a job runs with: its own, or else the workflow's. */
export const effectivePermissions = (workflow: Workflow, job: Job): Permissions =>
  job.permissions ?? workflow.permissions;

/** The write scopes (`id-token: write` included) in a permissions value. */
export function writeScopes(permissions: Permissions): string[] {
  if (typeof permissions === "string") return permissions === "write-all" ? ["write-all"] : [];
  return Object.entries(permissions ?? {})
    .filter(([, access]) => access === "write")
    .map(([scope]) => `${scope}: write`);
}

/**
 * Every job states its permissions, as a map (never `read-all` or `write-all`), and the
 * workflow-level default grants no write: a write scope belongs to the one job that needs it.
 */
export function permissionProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const top = writeScopes(workflow.permissions);
  if (top.length > 0)
    problems.push(
      `${workflow.at(workflow.nodeAt(["permissions"]))}: the workflow grants ${top.join(", ")} to every job`,
    );
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const permissions = effectivePermissions(workflow, job);
    const where = workflow.at(workflow.nodeAt(["jobs", id]));
    if (permissions === undefined)
      problems.push(`${where}: job ${id} has no permissions, so it gets the default token`);
    else if (typeof permissions === "string")
      problems.push(`${where}: job ${id} has permissions ${permissions}, not a list of the scopes it needs`);
  }
  return problems;
}

/**
 * What a job holds that a poisoned cache could reach: a write scope, an OIDC token, a secret or
 * the token itself.
 */
export function heldByJob(workflow: Workflow, job: Job): string[] {
  const held = writeScopes(effectivePermissions(workflow, job));
  const text = JSON.stringify(job);
  if (text.includes("secrets.")) held.push("a secret");
  if (text.includes("github.token")) held.push("github.token");
  return held;
}

/**
 * A workflow in which any job holds a write scope, an OIDC token or a secret restores no
 * dependency cache in any job: a cache entry can be written by a less trusted run, and what one
 * job builds from it reaches the others through artifacts.
 */
export function cacheProblems(workflow: Workflow): string[] {
  const held = [...new Set(Object.values(workflow.jobs).flatMap((job) => heldByJob(workflow, job)))];
  if (held.length === 0) return [];
  const problems: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    (job.steps ?? []).forEach((step, index) => {
      const action = step.uses?.split("@")[0] ?? "";
      const cached =
        action.startsWith("actions/cache") ||
        (action === "actions/setup-node" && (step.with?.cache || step.with?.["cache-dependency-path"]));
      if (cached)
        problems.push(
          `${workflow.at(workflow.nodeAt(["jobs", id, "steps", index]))}: job ${id} restores a dependency cache (${step.uses}) in a workflow that holds ${held.join(", ")}`,
        );
    });
  }
  return problems;
}

/**
 * Every checkout leaves no token in .git/config, where the install script of any dependency
 * could read it; nothing here pushes with git.
 */
export function persistedCredentials(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    (job.steps ?? []).forEach((step, index) => {
      if (step.uses?.split("@")[0] === "actions/checkout" && step.with?.["persist-credentials"] !== false)
        problems.push(
          `${workflow.at(workflow.nodeAt(["jobs", id, "steps", index]))}: job ${id} checks out without persist-credentials: false`,
        );
    });
  }
  return problems;
}
