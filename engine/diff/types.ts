// The vocabulary of comparing desired (rendered from git) with live Kubernetes objects, as
// Argo CD words it: per-object sync status, the reason for it, and the options of a comparison.

/** A Kubernetes object as plain JSON (decoded YAML or an API response). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

export const SYNC_STATUSES = ['Synced', 'OutOfSync', 'Unknown'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** Identity of an object: what Argo CD's resource key holds. The core group is ''. */
export interface ObjectKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Why an object has its status:
 * - `missing`: in git, not in the cluster; `extraneous`: in the cluster, not in git (prune);
 * - `changed`: both exist and differ;
 * - `hook` / `skipped`: a sync hook or `hook: Skip` object: judged by the sync, not here;
 * - `notOurs`: live only, and its tracking id names another app or another object;
 * - `sharedResource`: in git, but the live object is tracked by another application;
 * - `error`: the comparison itself failed.
 */
export type ComparisonReason =
  'missing' | 'extraneous' | 'changed' | 'hook' | 'skipped' | 'notOurs' | 'sharedResource' | 'error';

/** One rule of an Application's `spec.ignoreDifferences` (or a system-wide one). */
export interface IgnoreDifferenceRule {
  /** A glob, as Argo CD matches it; absent means the core group ''. */
  group?: string;
  /** A glob. */
  kind: string;
  /** Exact; absent or '' matches every name. */
  name?: string;
  /** Exact; absent or '' matches every namespace. */
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface CompareOptions {
  /** The application doing the comparison: its tracking id is expected on live objects. */
  appName: string;
  /**
   * The result of a server-side-apply dry run of `desired` against the cluster. When given,
   * it is compared with `live` (server-side diff); without it the comparison is client-side.
   */
  predictedLive?: KubeObject;
  ignoreDifferences?: IgnoreDifferenceRule[];
  /**
   * Argo CD's server-side diff (`ServerSideDiff=true` without `IncludeMutationWebhook=true`): of
   * `predictedLive`, only the fields the field manager applied count, the rest keeps live's
   * values. Default false: everything the dry run returns is judged.
   */
  ignoreMutationWebhook?: boolean;
  /** Argo CD's `resource.compareoptions.ignoreResourceStatusField`; default `all`, as in Argo CD 3. */
  ignoreResourceStatusField?: 'all' | 'crd' | 'off';
  /** Argo CD's `resource.compareoptions.ignoreAggregatedRoles`; default false. */
  ignoreAggregatedRoles?: boolean;
  /** The server-side-apply field manager Plumbline applies with; default `plumbline`. */
  fieldManager?: string;
  /** Time one jq path expression may run on one object; Argo CD's default is 1 s. */
  jqTimeoutMs?: number;
}

export interface ObjectComparison {
  key: ObjectKey;
  /** `null` when the object has no sync status of its own (hooks, objects not ours). */
  status: SyncStatus | null;
  reason?: ComparisonReason;
  /** False for hooks, objects not ours and `IgnoreExtraneous` extras. */
  countsForApp: boolean;
  requiresPruning: boolean;
  /** JSON pointers (RFC 6901) of changed leaves, or of a list whose order changed. */
  changedPaths: string[];
  /** What the live object should be after a sync, normalised; Secret data masked. */
  normalizedDesired: KubeObject | null;
  /** The live object, normalised; Secret data masked. */
  normalizedLive: KubeObject | null;
  mode: 'serverSide' | 'clientSide';
  message?: string;
  /** Ignore rules that could not be applied to this object (Argo CD skips them too). */
  warnings: string[];
}
