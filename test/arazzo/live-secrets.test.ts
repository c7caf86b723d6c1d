/**
 * `npm run workflows -- --live` keeps the API key to itself: it is on no process's command line
 * while the run lasts, a server that echoes it back does not get it printed or written into the
 * reports, and a mistyped VERSORI_API_URL is described without being repeated.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redactedLines, redactor } from "../../tools/workflows/redaction.ts";
import { ENV as ENVIRONMENT_ID, ORG as ORGANISATION_ID } from "../support/fixtures.ts";
import { sendJson, startHostileServer } from "../support/hostile-server.ts";
import { type RunResult, runCommand } from "../support/run.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

// Key-like, unique to the run, and with characters that URL encoding changes.
const KEY = `vk_live_${randomBytes(12).toString("hex")}/+=`;
/** Every form in which an echo may carry the key: as sent, URL-encoded and JSON-escaped. */
const KEY_FORMS = [KEY, encodeURIComponent(KEY), JSON.stringify(KEY).slice(1, -1)];

function liveEnv(url: string): NodeJS.ProcessEnv {
  return {
    VERSORI_API_KEY: KEY,
    VERSORI_ORGANISATION_ID: ORGANISATION_ID,
    VERSORI_ENVIRONMENT_ID: ENVIRONMENT_ID,
    VERSORI_API_URL: url,
    REDOCLY_TELEMETRY: "off",
    NO_COLOR: "1",
  };
}

/** The lines of `text` that hold the key in any form. */
function linesWithKey(text: string): string[] {
  return text.split("\n").filter((line) => KEY_FORMS.some((form) => line.includes(form)));
}

/** Every process below `root`, with its command line (arguments joined by spaces). */
function descendants(root: number): { pid: number; cmdline: string }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 2nd field after the command's name, which is in parentheses and may
      // hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  const found: { pid: number; cmdline: string }[] = [];
  const below = [root];
  while (below.length > 0) {
    const parent = below.pop();
    for (const [pid, ppid] of parents) {
      if (ppid !== parent) continue;
      below.push(pid);
      try {
        found.push({ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ") });
      } catch {
        // Ended meanwhile.
      }
    }
  }
  return found;
}

describe("npm run workflows -- --live, with the key", () => {
  it.runIf(process.platform === "linux")(
    "puts it on the command line of no process it starts, while respect is running",
    async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let arrived = () => {};
      const firstRequest = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      // The first request waits until the process table has been read, so the run is surely
      // under way while it is.
      const server = await startHostileServer((_request, response, index) => {
        const answer = () => sendJson(response, 401, { code: "unauthorized", message: "no" });
        if (index > 1) return answer();
        arrived();
        void held.then(answer);
      });
      const child = spawn("npm", ["run", "workflows", "--", "--live", "--workflow", "errors"], {
        cwd: REPO_ROOT,
        env: { ...process.env, FORCE_COLOR: "0", ...liveEnv(server.origin) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
      try {
        await Promise.race([
          firstRequest,
          exited.then(() => expect.fail("the run ended before any request")),
        ]);
        const processes = descendants(child.pid as number);
        release();
        // Respect itself is among them, or the check would prove nothing.
        expect(processes.some(({ cmdline }) => cmdline.includes(" respect "))).toBe(true);
        expect(processes.filter(({ cmdline }) => cmdline.includes(KEY))).toEqual([]);
        expect(await exited).toBe(1);
      } finally {
        release();
        child.kill();
        await server.close();
      }
    },
  );

  it.each([
    ["", {}],
    // Respect's own masking, which the shell could turn off, is not what keeps the key out.
    [", even with respect's masking off in the shell", { REDOCLY_CLI_RESPECT_NO_SECRETS_MASKING: "true" }],
  ])(
    "prints no line and writes no report that holds it, when the server echoes it back%s",
    async (_name, shell) => {
      // Error bodies that repeat the Authorization header, as sent and URL-encoded.
      const server = await startHostileServer((request, response) => {
        const authorization = request.headers.authorization ?? "";
        sendJson(response, 401, {
          code: "unauthorized",
          message: `rejected Authorization: ${authorization}`,
          retry: `${request.url}?authorization=${encodeURIComponent(authorization)}`,
        });
      });
      const reports = await mkdtemp(join(tmpdir(), "versori-workflows-"));
      try {
        const result: RunResult = await runCommand(
          "npm",
          ["run", "workflows", "--", "--live", "--report", reports],
          {
            cwd: REPO_ROOT,
            env: { ...shell, ...liveEnv(server.origin) },
          },
        );
        expect(server.requests.length).toBeGreaterThan(0);
        expect(result.code).toBe(1);
        // The echo is shown, with the key hidden, or this would prove nothing.
        expect(result.stdout).toContain("rejected Authorization: Bearer [REDACTED]");
        expect(linesWithKey(result.stdout)).toEqual([]);
        expect(linesWithKey(result.stderr)).toEqual([]);
        const summary = await readFile(join(reports, "workflows.md"), "utf8");
        expect(summary).toContain("[REDACTED]");
        expect(linesWithKey(summary)).toEqual([]);
        expect(linesWithKey(await readFile(join(reports, "workflows.json"), "utf8"))).toEqual([]);
      } finally {
        await rm(reports, { recursive: true, force: true });
        await server.close();
      }
    },
  );
});

describe("npm run workflows -- --live, with a bad VERSORI_API_URL", () => {
  it.each([
    ["the key itself", KEY, /^VERSORI_API_URL must be a URL/],
    ["an http URL to another host", `http://platform.versori.com/${KEY}`, /an https URL/],
    ["a key as a URL's query", `https://platform.versori.com/api/v2?key=${KEY}`, /base URL alone/],
    [
      "a key as a URL's password",
      `https://me:${encodeURIComponent(KEY)}@platform.versori.com/api/v2`,
      /base URL alone/,
    ],
  ])("names the variable and what is wrong, without repeating it: %s", async (_name, url, says) => {
    const result = await runCommand("npm", ["run", "workflows", "--", "--live"], {
      cwd: REPO_ROOT,
      env: liveEnv(url),
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line.startsWith("VERSORI_API_URL"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(says);
    expect(linesWithKey(result.stdout + result.stderr)).toEqual([]);
    expect(result.stderr).not.toContain(url);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("how the output is redacted", () => {
  it("finds a key that arrives split over two chunks", () => {
    const written: string[] = [];
    const lines = redactedLines(redactor(KEY), (text) => written.push(text));
    const line = `  "message": "rejected Authorization: Bearer ${KEY}"\n`;
    const cut = line.indexOf(KEY) + 5;
    lines.write(line.slice(0, cut));
    lines.write(`${line.slice(cut)}  Workflows: 1 failed`);
    lines.end();
    expect(written.join("")).toBe(
      `  "message": "rejected Authorization: Bearer [REDACTED]"\n  Workflows: 1 failed`,
    );
  });

  it("finds a key in each form an echo may give it: as sent, URL-encoded and JSON-escaped", () => {
    const key = 'vk_"quoted"\\/+=';
    const echoed = [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)].join(" | ");
    expect(redactor(key)(echoed)).toBe("[REDACTED] | [REDACTED] | [REDACTED]");
  });
});
