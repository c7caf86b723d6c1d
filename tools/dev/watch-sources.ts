/** What `npm run dev` watches, and how, so that every editor's way of saving is seen. */
import { basename, extname, relative, sep } from "node:path";
import { watch } from "chokidar";
import { messageOf } from "../lib/command.ts";
import { CONFIG_FILE, ROOT } from "../lib/paths.ts";

/** redocly.yaml, and the folders and YAML or JSON files under openapi/: what a run reads. */
const OPENAPI = "openapi";
function isWatched(path: string): boolean {
  const inRoot = relative(ROOT, path);
  return inRoot === "" || inRoot === CONFIG_FILE || inRoot === OPENAPI || inRoot.startsWith(OPENAPI + sep);
}
const SOURCE_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Whether a change to this file calls for a run: not an editor's temp, backup or swap file. */
function isSource(path: string): boolean {
  const name = basename(path);
  return !name.startsWith(".") && SOURCE_EXTENSIONS.has(extname(name));
}

/**
 * Watches the project's root folder, not redocly.yaml itself: a watch on a file ends when the
 * file is deleted, so a config deleted and recreated would never be seen again. Chokidar
 * re-watches a file that is replaced by a rename, unlike node's fs.watch.
 *
 * `atomic` (chokidar's default, stated here because it matters): a file deleted and recreated
 * within 100 ms, as editors save, is one change, not a missing spec and a failed run.
 * `awaitWriteFinish` stays off: it holds every event until the file's size has been still for
 * a while (2 s by default), a delay on every save against slow writes, and editors write a file
 * of this size at once, well within the 15 ms pause below.
 */
export async function watchSources(changed: (reason: string) => void): Promise<void> {
  const watcher = watch(ROOT, { ignored: (path) => !isWatched(path), ignoreInitial: true, atomic: true });
  // Editors save in bursts (write, rename, chmod); a short pause makes one run of them.
  let timer: NodeJS.Timeout | undefined;
  watcher.on("all", (event, path) => {
    const file = relative(ROOT, path);
    if (!isSource(file)) return;
    clearTimeout(timer);
    const what = event === "unlink" ? "deleted" : event === "add" ? "added" : "changed";
    timer = setTimeout(() => changed(`${file.split(sep).join("/")} ${what}`), 15);
  });
  watcher.on("error", (error) =>
    console.log(`✘ ${new Date().toTimeString().slice(0, 8)} watching: ${messageOf(error)}`),
  );
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
}
