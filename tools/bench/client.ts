/**
 * What the client costs on top of openapi-fetch (`npm run bench:client`).
 *
 * 1. Per-call time of `issues.list()`, of bare openapi-fetch `createClient<paths>().GET(…)` and
 *    of a hand-written `fetch` call, all with the same in-memory fetch, measured in
 *    alternating rounds in one run.
 * 2. The client entry's size, bundled with esbuild, minified and gzipped, next to openapi-fetch's.
 *
 * Prints medians; it asserts nothing (the size budget is enforced by a test instead).
 */
import createClient from "openapi-fetch";
import type { Issue, paths } from "../../generated/issues.ts";
import { createIssuesClient } from "../../src/index.ts";
import { entrySize } from "../package/entry-size.ts";
import { median } from "./stats.ts";

const ORG = "01KJPWD6M0MD8SP6RARAKC9170";
const BASE = "https://platform.versori.com/api/v2";
const ROUNDS = 15;
const CALLS = 2000;

// One realistic page of 20 issues, served from memory: the network is not what is measured.
const page: Issue[] = Array.from({ length: 20 }, (_, i) => ({
  id: `01M7WM9C8RPCHFN3HJ9KQ8X7${String(i).padStart(2, "0")}`,
  organisationId: ORG,
  projectId: "01KJPWD6M0KZ5EA76CZ38ZJVJP",
  environmentId: "01KJSESXM0033A0801TK9E6SS5",
  status: "open",
  reason: "error",
  message: "POST https://api.acme.test/orders returned 503 Service Unavailable after 3 attempts",
  title: `Order sync failed #${i}`,
  labels: { connection: "acme-orders", workflow: "sync-orders" },
  annotations: { runId: "run_7f3c2a" },
  createdAt: "2026-11-20T14:03:11Z",
  lastSeenAt: "2026-11-20T16:41:09Z",
  seenCount: 4,
  severity: "high",
}));
const body = JSON.stringify(page);
const memoryFetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
const headers = { Authorization: "Bearer bench-token" };

/** Prints the per-call times and the entry sizes; asserts nothing. */
export async function benchmarkClient(): Promise<void> {
  const issues = createIssuesClient({ token: "bench-token", organisationId: ORG, fetch: memoryFetch });
  const bare = createClient<paths>({ baseUrl: BASE, fetch: memoryFetch, headers });

  const contenders: Record<string, () => Promise<unknown>> = {
    "issues.list()": () => issues.list({ status: "open" }),
    "openapi-fetch GET": async () =>
      (
        await bare.GET("/o/{organisation_id}/issues", {
          params: { path: { organisation_id: ORG }, query: { status: "open" } },
        })
      ).data,
    "hand-written fetch": async () => {
      const response = await memoryFetch();
      void new Request(`${BASE}/o/${ORG}/issues?status=open`, { headers });
      return response.json();
    },
  };

  const samples = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
  for (let round = -2; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(contenders)) {
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await call();
      const perCall = ((performance.now() - start) / CALLS) * 1000;
      if (round >= 0) samples.get(name)!.push(perCall); // the first two rounds warm up
    }
  }

  console.log(
    `Client benchmark: ${ROUNDS} rounds of ${CALLS} calls each, alternating, on Node ${process.version}\n`,
  );
  const bareMedian = median(samples.get("openapi-fetch GET")!);
  for (const [name, values] of samples) {
    const us = median(values);
    console.log(
      `${name.padEnd(20)} median ${us.toFixed(1).padStart(6)} µs/call   ${(us / bareMedian).toFixed(2)}× openapi-fetch`,
    );
  }
  console.log(`target: issues.list() ≤ 1.15× openapi-fetch\n`);

  const size = await entrySize();
  console.log(`client entry, esbuild --minify, gzip -9:   ${size.client} B`);
  console.log(`openapi-fetch alone (createClient):        ${size.openapiFetch} B`);
  console.log(`target: client entry ≤ ${size.budget} B in total`);
}
