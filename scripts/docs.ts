/**
 * `npm run docs`: the docs page, Redoc's library and the spec files in dist/docs/, from
 * generated/openapi.json.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildDocs, DOCS_DIR } from "../tools/docs/docs.ts";
import { runMain, step } from "../tools/lib/command.ts";
import { GENERATED_DIR, ROOT } from "../tools/lib/paths.ts";

runMain(async () => {
  await step(
    (line) => console.log(line),
    "docs",
    async () => {
      const library = await buildDocs(
        DOCS_DIR,
        await readFile(join(ROOT, GENERATED_DIR, "openapi.json"), "utf8"),
      );
      return [undefined, `dist/docs/index.html, ${library}, openapi.json, openapi.yaml`];
    },
  );
});
