import fs from "node:fs";

/**
 * Editors save a note as several events (write, rename, chmod) and a `git pull` touches many files at
 * once: changes are gathered for this long after the last one before the notes are reindexed.
 */
export const WATCH_DEBOUNCE_MS = 1500;

/** Changes inside these folders are not the notes' (a git clone's own bookkeeping, editors' swap folders). */
const IGNORED = /(^|[\\/])(\.git|node_modules|\.obsidian)([\\/]|$)/;

/**
 * Watches a notes folder (and its subfolders) and calls `changed` once the changes settle. Returns a
 * function that stops watching. A folder that cannot be watched (gone, too many watches) is logged by the
 * caller through `onError`, and the bot goes on with the index it has.
 */
export function watchNotes(
  dir: string,
  changed: () => void,
  onError: (err: unknown) => void,
  debounceMs = WATCH_DEBOUNCE_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { recursive: true, persistent: false }, (_event, name) => {
      if (name && IGNORED.test(String(name))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        changed();
      }, debounceMs);
    });
  } catch (err) {
    onError(err);
    return () => {};
  }
  watcher.on("error", onError);
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
