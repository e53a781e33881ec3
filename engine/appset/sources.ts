// What the generators read from outside the set, behind small interfaces so the preview, the
// controller and the tests each give their own: the clusters Plumbline knows, and repository
// checkouts at a revision (engine/git's repository cache in the engine).
import type { RepositoryCache } from '../git/index.ts';

/** A cluster the clusters generator can offer: a registered cluster or a kubeconfig context. */
export interface ClusterEntry {
  name: string;
  server: string;
  project?: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
}

export interface ClusterSource {
  listClusters(): Promise<ClusterEntry[]>;
}

export interface RepositorySource {
  /** A folder holding the repository's files at `revision` (a branch, tag or commit; empty: HEAD). */
  checkout(repoURL: string, revision: string): Promise<string>;
}

/** Checkouts through the repository cache: the revision resolved, then its tree. */
export function cachedRepositories(cache: RepositoryCache): RepositorySource {
  return {
    async checkout(repoURL, revision) {
      const sha = await cache.resolveRevision(repoURL, revision === '' ? 'HEAD' : revision);
      return cache.checkout(repoURL, sha);
    },
  };
}

export const staticClusters = (clusters: ClusterEntry[]): ClusterSource => ({
  listClusters: async () => clusters,
});
