/**
 * Prism, Stoplight's mock server, on the bundled spec, for the contract tests to check the
 * client's requests against the spec. `--errors` makes Prism answer any request that breaks the
 * spec with an error instead of a mock response. Started by the one test file that uses it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../support/ports.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

export interface Prism {
  url: string;
  stop(): void;
}

export async function startPrism(): Promise<Prism> {
  const port = await freePort();
  // Started from node_modules/.bin, not npx, so that the process stopped below is Prism itself.
  const prism: ChildProcess = spawn(
    join(REPO_ROOT, "node_modules/.bin/prism"),
    ["mock", "generated/openapi.json", "--host", "127.0.0.1", "--port", String(port), "--errors"],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${output}`)), 30_000);
    const listen = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout!.on("data", listen);
    prism.stderr!.on("data", listen);
    prism.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => prism.kill() };
}
