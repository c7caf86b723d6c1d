// @ts-check
/**
 * `node tools/launch/run.mjs <command> [arguments]`: how package.json runs every command
 * (COMMAND_SCRIPTS in compiled.mjs). It runs the command's compiled JavaScript, compiling it
 * first when a source changed.
 *
 * For the commands that generate types, it starts the types worker first thing, and tells it
 * which build of the generator's library to load once it knows whether the compiled one is up to date: that
 * load runs on the other core while this thread loads the command.
 */
import "./compile-cache.mjs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { COMMAND_SCRIPTS, compileCommands, GENERATOR_LIBRARY, upToDateBuild } from "./compiled.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GENERATES_TYPES = new Set(["check", "generate", "release", "dev"]);

// The command's own arguments then start at process.argv[2], as if it had been run directly.
const [name = ""] = process.argv.splice(2, 1);
if (!Object.hasOwn(COMMAND_SCRIPTS, name)) {
  const names = Object.keys(COMMAND_SCRIPTS).join(", ");
  console.error(`tools/launch/run.mjs: no command "${name}"; one of ${names}`);
  process.exit(1);
}
// Stack traces point into the TypeScript sources when DEBUG asks for them.
if (process.env.DEBUG) process.setSourceMapsEnabled(true);

/** @type {typeof import("../pipeline/generator.mjs") | undefined} */
let generator;
if (GENERATES_TYPES.has(name)) {
  generator = await import("../pipeline/generator.mjs");
  generator.startGenerator();
}
let build = upToDateBuild(ROOT);
generator?.chooseGeneratorLibrary(build && join(build, GENERATOR_LIBRARY));
try {
  build ??= await compileCommands(ROOT);
} catch (error) {
  // esbuild's message names the file:line:col of each error.
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`${name}: could not compile the command: ${reason}`);
  process.exit(1);
}
await import(pathToFileURL(join(build, `${name}.mjs`)).href);
