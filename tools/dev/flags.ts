/**
 * `npm run dev`'s options: --port N (default 8902, beside the local API's 8901; 0 takes any free
 * port) and --no-docs. A bad one throws a DevUsageError that says what is wrong, in words.
 */
import { parseArgs } from "node:util";
import { messageOf } from "../lib/command.ts";

export const DEFAULT_PORT = 8902;
export const DEV_USAGE = "usage: npm run dev -- [--port N] [--no-docs]";

export class DevUsageError extends Error {}

export interface DevFlags {
  port: number;
  docs: boolean;
}

const DIGITS = /^\d{1,5}$/;

export function parseDevFlags(args: string[]): DevFlags {
  let values: { port?: string; "no-docs"?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: "string" }, "no-docs": { type: "boolean" } },
    }));
  } catch (error) {
    // Node's first sentence says what is wrong; the rest suggests `--` tricks that do not apply.
    const sentence = messageOf(error).split(/\.\s/, 1)[0]!;
    throw new DevUsageError(sentence.charAt(0).toLowerCase() + sentence.slice(1));
  }
  const port = values.port ?? String(DEFAULT_PORT);
  if (!DIGITS.test(port) || Number(port) > 65535) {
    throw new DevUsageError(`--port must be a port number from 0 to 65535, not ${JSON.stringify(port)}`);
  }
  return { port: Number(port), docs: !values["no-docs"] };
}
