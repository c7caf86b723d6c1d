/**
 * Redocly's one set-up. Its libraries and its CLI report usage unless told not to; nothing here
 * may phone home, so importing this module turns that off for the process and every child.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./paths.ts";

process.env.REDOCLY_TELEMETRY = "off";

/** Runs the pinned Redocly CLI from node_modules and resolves with its output. */
export function runRedoclyCli(args: string[], root = ROOT): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(join(root, "node_modules/.bin/redocly"), args, {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
}
