// Tells when one of some files changes, by whichever process: their folders are watched (editors,
// kubectl and atomic writers replace files by rename) and a burst of events settles into one call.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const SETTLE_MS = 150;

/** Calls `onChange` once a change to any of `files` has settled; returns the stop function. */
export function watchFiles(files: readonly string[], onChange: () => void): () => void {
  const names = new Set(files.map((file) => basename(file)));
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    try {
      const watcher = watch(folder, { persistent: false }, (_type, name) => {
        if (name === null || names.has(name.toString())) changed();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // a folder that does not exist yet simply has nothing to watch
    }
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    if (timer) clearTimeout(timer);
  };
}
