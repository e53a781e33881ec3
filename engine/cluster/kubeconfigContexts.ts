// Keeps the user's kubeconfig contexts current: read on first use, re-read when a file changes
// (kubectl and cloud CLIs rewrite these files), and announced to listeners.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ClusterList } from '../api/contract.ts';
import { kubeconfigFiles } from './kubeconfigFiles.ts';
import { readKubeContexts } from './readKubeContexts.ts';

const settleMs = 150;

export class KubeconfigContexts {
  private readonly files: string[];
  private cached: Promise<ClusterList> | null = null;
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    env: Record<string, string | undefined>,
    homeDir: string,
    private readonly onChange: (list: ClusterList) => void,
  ) {
    this.files = kubeconfigFiles(env, homeDir);
  }

  list(): Promise<ClusterList> {
    if (!this.cached) {
      this.cached = readKubeContexts(this.files);
      this.startWatching();
    }
    return this.cached;
  }

  close(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    if (this.timer) clearTimeout(this.timer);
  }

  // Watch the folders, not the files: editors and kubectl replace files by rename.
  private startWatching(): void {
    const names = new Set(this.files.map((file) => basename(file)));
    for (const folder of new Set(this.files.map((file) => dirname(file)))) {
      try {
        const watcher = watch(folder, { persistent: false }, (_type, name) => {
          if (name === null || names.has(name.toString())) this.scheduleReload();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // a folder that does not exist yet simply has nothing to watch
      }
    }
  }

  private scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cached = readKubeContexts(this.files);
      void this.cached.then(this.onChange);
    }, settleMs);
  }
}
