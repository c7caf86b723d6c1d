/**
 * The release snapshots that `npm run check:breaking` (and `npm run release`) compare the spec
 * with: each must be a JSON file in the repository, read with nothing downloaded and nothing
 * read from outside it. A snapshot that is not one is named in one line that says what is wrong
 * with it, without Redocly's "unexpected error" or a stack trace.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../tools/lib/command.ts";
import { checkBreaking } from "../../tools/release/gate.ts";
import { latestRelease, literally, versionAfter } from "../support/spec-facts.ts";
import { createTempRepo, type TempRepo } from "../support/temp-repo.ts";

// The last release's snapshot, and a name a newer one would have.
const { version: RELEASED, file: SNAPSHOT } = latestRelease();
const NEWER = `openapi/releases/${versionAfter("patch")}.json`;
/** The start of every line: the snapshot's path, as a regular expression. */
const AT = `^${literally(SNAPSHOT)}`;
/** A reference the snapshot makes to a shared schema, which a case points elsewhere. */
const SCHEMA_REF = '"$ref": "#/components/schemas/IssueStatus"';

let repo: TempRepo;
let good: string;
let outside: string;
let server: Server;
let base: string;
/** Every request the server was sent, by path: none may come. */
const requests: string[] = [];

beforeAll(async () => {
  repo = await createTempRepo();
  good = await repo.read(SNAPSHOT);
  outside = await mkdtemp(join(tmpdir(), "outside-the-repository-"));
  await writeFile(join(outside, "status.yaml"), "type: string\n");
  await writeFile(join(outside, `${RELEASED}.json`), good);
  server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.setHeader("content-type", "application/yaml").end("type: string\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await repo?.dispose();
  if (outside) await rm(outside, { recursive: true, force: true });
});

// Each case breaks the one copy in its own way; the next starts from the release as it was.
afterEach(async () => {
  await rm(join(repo.root, NEWER), { recursive: true, force: true });
  await rm(join(repo.root, SNAPSHOT), { force: true });
  await repo.write(SNAPSHOT, good);
  requests.length = 0;
});

/** The snapshot with its first reference to IssueStatus pointed at `ref`. */
const withRef = (ref: string) => () => repo.write(SNAPSHOT, good.replace(SCHEMA_REF, `"$ref": "${ref}"`));

const cases: Array<{ name: string; make: () => Promise<void>; says: RegExp }> = [
  {
    name: "not JSON (YAML)",
    make: () => repo.write(SNAPSHOT, "openapi: 3.1.0\ninfo:\n  title: a release\n"),
    says: new RegExp(`${AT}: the release snapshot is not JSON: unexpected "o"$`),
  },
  {
    name: "empty",
    make: () => repo.write(SNAPSHOT, ""),
    says: new RegExp(`${AT}: the release snapshot is empty$`),
  },
  {
    name: "{}",
    make: () => repo.write(SNAPSHOT, "{}\n"),
    says: new RegExp(`${AT}: the release snapshot is not an OpenAPI document: it has no \`openapi\` field$`),
  },
  {
    name: "truncated",
    make: () => repo.write(SNAPSHOT, good.slice(0, 5000)),
    says: new RegExp(`${AT}:\\d+:\\d+ the release snapshot is not JSON: it ends part way through`),
  },
  {
    name: "binary",
    make: () =>
      writeFile(
        join(repo.root, SNAPSHOT),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      ),
    says: new RegExp(`${AT}: the release snapshot is not text: byte 0x89 at offset 0 is not UTF-8$`),
  },
  {
    // Compiled for its exported names: the failure is the snapshot's, not the spec's.
    name: "an operation that is not an object",
    make: () =>
      repo.write(
        SNAPSHOT,
        JSON.stringify({
          openapi: "3.1.0",
          info: { title: "t", version: RELEASED },
          paths: { "/x": { get: 5 } },
        }),
      ),
    says: new RegExp(`${AT}: openapi-typescript could not compile it: `),
  },
  {
    name: "a folder named like a newer snapshot",
    make: () => mkdir(join(repo.root, NEWER)),
    says: new RegExp(`^${literally(NEWER)}: the release snapshot is not a regular file but a folder$`),
  },
  {
    name: "a link that leads outside the repository",
    make: async () => {
      await rm(join(repo.root, SNAPSHOT));
      await symlink(join(outside, `${RELEASED}.json`), join(repo.root, SNAPSHOT));
    },
    says: new RegExp(
      `${AT}: the release snapshot leads outside the repository, to /.*${literally(RELEASED)}\\.json$`,
    ),
  },
  {
    name: "a $ref to a file outside the repository",
    make: () => withRef(join(outside, "status.yaml"))(),
    says: new RegExp(
      `${AT}:\\d+:\\d+ bundler Can't resolve \\$ref: /.*status\\.yaml is outside the repository; `,
    ),
  },
  {
    name: "a remote $ref",
    make: () => withRef(`${base}/status.yaml`)(),
    says: new RegExp(
      `${AT}:\\d+:\\d+ bundler Can't resolve \\$ref: http://127\\.0\\.0\\.1:\\d+/status\\.yaml is a remote reference; `,
    ),
  },
];

describe("check:breaking on a release snapshot that is not one", () => {
  // Through the function the command calls, which prints a PipelineError's lines as they are.
  it.each(cases)("$name: one line naming the snapshot and what is wrong", async ({ make, says }) => {
    await make();
    const error = await checkBreaking({ root: repo.root }).then(
      () => expect.unreachable("the gate accepted it"),
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(PipelineError);
    const { lines } = error as PipelineError;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(says);
    expect(requests).toEqual([]);
  });

  it("npm run check:breaking downloads nothing for a remote $ref, and says so in one line", async () => {
    await withRef(`${base}/status.yaml`)();
    const result = await repo.npm("check:breaking");
    expect(requests).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(
        `${AT}:\\d+:\\d+ bundler Can't resolve \\$ref: http://127\\.0\\.0\\.1:\\d+/status\\.yaml is a remote reference; [^\\n]*\\n$`,
      ),
    );
  });
});
