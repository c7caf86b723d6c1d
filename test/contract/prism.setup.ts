/**
 * vitest globalSetup: starts Prism, Stoplight's mock server, on the bundled spec, so that the
 * contract tests can check the client's requests against the spec. `--errors` makes Prism
 * answer any request that breaks the spec with an error instead of a mock response.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../support/ports.ts";
import { REPO_ROOT } from "../support/temp-repo.ts";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
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
  project.provide("prismUrl", `http://127.0.0.1:${port}`);

  return async () => {
    prism.kill();
  };
}
