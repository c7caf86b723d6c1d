// Loaded into every Node process of a benchmark run (NODE_OPTIONS=--import=…): at exit, it
// appends the process's CPU time (user + system, all threads, in ms) to the file that
// BENCH_CPU_FILE names, so a benchmark can add up the CPU of a command and all it starts.
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.once("exit", () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
