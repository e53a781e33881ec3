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

/** The duck-typed resources a clusterDecisionResource generator lists: by name or by label selector. */
export interface DuckSelection {
  group: string;
  version: string;
  /** The ConfigMap's `kind`, used as the resource (plural) name, as Argo CD uses it. */
  resource: string;
  name?: string;
  /** A label selector in Kubernetes' text form (`a=b,c in (d)`). */
  labelSelector?: string;
}

/**
 * What Argo CD reads from its own namespace, and Plumbline from the `argocd` namespace of the
 * cluster that plays in-cluster (setting inClusterDestination): ConfigMaps and duck-typed
 * resources. Plugin tokens come from the SecretStore (the OS keychain), never from a cluster.
 */
export interface ArgoNamespaceSource {
  /** The ConfigMap's data; throws when there is no such ConfigMap. */
  configMap(name: string): Promise<Record<string, string>>;
  listResources(selection: DuckSelection): Promise<Record<string, unknown>[]>;
  /** The secret named by a plugin's `$secret:key` token reference; throws when it is not stored. */
  pluginToken(secretName: string, key: string): Promise<string>;
}

export const staticClusters = (clusters: ClusterEntry[]): ClusterSource => ({
  listClusters: async () => clusters,
});

/**
 * What the scmProvider and pullRequest generators may reach: Argo CD's allowedSCMProviders (the
 * API URLs a set may name; empty: any) and the tokens a `tokenRef` names, from the keychain.
 */
export interface ScmAccess {
  allowedApis: readonly string[];
  /** The secret `secretName`/`key`; throws when the keychain holds none. */
  token(secretName: string, key: string): Promise<string>;
}

export const noScmAccess: ScmAccess = {
  allowedApis: [],
  token: (secretName, key) =>
    Promise.reject(new Error(`no keychain here to hold the token ${secretName}/${key}`)),
};
