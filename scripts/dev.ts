/**
 * `npm run dev`: regenerate on every save. Watches openapi/ and redocly.yaml, however an editor
 * saves them (in place, by renaming a temp file over them, or by deleting and recreating them);
 * on each change it re-lints, regenerates generated/ (types and bundle) and hands the bundled
 * spec to the docs page, and prints one status line with the time taken. A lint error, or a
 * deleted spec, is printed, and shown on the open docs pages over the last good render, and the
 * last good output stays. The docs are served on 127.0.0.1: a
 * page that renders the live spec with Redoc in the browser, and updates itself in place on
 * each change, keeping the reader's place.
 *
 * Options: --port N (default 8902, beside the local API's 8901; 0 takes any free port),
 * --no-docs (types and bundle only). A bad option or a port in use is one line on stderr and
 * exit code 1, before anything is generated.
 */
import { createDocsServer, ListenError, listen } from "../tools/dev/docs-server.ts";
import { DEV_USAGE, DevUsageError, parseDevFlags } from "../tools/dev/flags.ts";
import { createRegenerator } from "../tools/dev/regenerate.ts";
import { watchSources } from "../tools/dev/watch-sources.ts";
import { loadRedocLibrary } from "../tools/docs/redoc-library.ts";
import { messageOf } from "../tools/lib/command.ts";
import { CONFIG_FILE } from "../tools/lib/paths.ts";

/** Ends the process with one line that says what is wrong and how to call the script. */
function usageError(problem: string): never {
  console.error(`npm run dev: ${problem}; ${DEV_USAGE}`);
  process.exit(1);
}

const flags = (() => {
  try {
    return parseDevFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof DevUsageError) usageError(error.message);
    throw error;
  }
})();

// Redoc's library, from one run of build-docs (under a second), while the first regeneration runs.
const library = flags.docs ? loadRedocLibrary() : undefined;
const docs = library && createDocsServer(library);
// Before the first run, which takes seconds: a port in use fails at once.
const port =
  docs &&
  (await listen(docs.server, flags.port).catch((error: unknown) => {
    if (error instanceof ListenError) usageError(error.message);
    throw error;
  }));
const regenerate = createRegenerator({ publish: docs?.publish });
await watchSources(regenerate);
await regenerate("start");
await library?.catch((error: unknown) =>
  console.log(
    `✘ docs: no page, since redocly build-docs gave no Redoc library: ${messageOf(error).split("\n")[0]}`,
  ),
);
console.log(
  port === undefined
    ? `watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`
    : `docs on http://127.0.0.1:${port}/ — watching openapi/ and ${CONFIG_FILE}; Ctrl+C stops`,
);
