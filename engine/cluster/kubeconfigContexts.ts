// Keeps the user's kubeconfig contexts current: read on first use, re-read when a file changes
// (kubectl and cloud CLIs rewrite these files), and announced to listeners.
import type { ClusterList } from '../api/contract.ts';
import { watchFiles } from '../store/fileChanges.ts';
import { kubeconfigFiles } from './kubeconfigFiles.ts';
import { readKubeContexts } from './readKubeContexts.ts';

export class KubeconfigContexts {
  private readonly files: string[];
  private cached: Promise<ClusterList> | null = null;
  private stopWatching: () => void = () => undefined;

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
      this.stopWatching = watchFiles(this.files, () => {
        this.cached = readKubeContexts(this.files);
        void this.cached.then(this.onChange);
      });
    }
    return this.cached;
  }

  close(): void {
    this.stopWatching();
  }
}
