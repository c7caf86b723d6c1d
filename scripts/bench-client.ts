/**
 * `npm run bench:client`: `issues.list()` against bare openapi-fetch and a hand-written fetch,
 * and the client entry's size (tools/bench/client.ts).
 */
import { benchmarkClient } from "../tools/bench/client.ts";
import { runMain } from "../tools/lib/command.ts";

runMain(benchmarkClient);
