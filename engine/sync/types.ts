// The vocabulary of one sync operation, in Argo CD's words: phases, waves, what happened to
// each object, the operation's state, and what the caller supplies (cluster, live reads, the
// write gate of the policy engine).
import type { ClusterConnection } from '../cluster/index.ts';
import type { IgnoreDifferenceRule, KubeObject, ObjectKey } from '../diff/index.ts';
import type { HealthResult } from '../health/index.ts';
import type { RetryStrategy } from '../model/index.ts';

export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];
export type OperationPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
export type ResourceStatus = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
export type HookPhase = 'Running' | 'Succeeded' | 'Failed';
export type WriteAction = 'apply' | 'replace' | 'create' | 'delete';

/** One object's outcome; `id` is `group/kind/namespace/name` (keyOfObject). */
export interface ResourceResult {
  id: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  phase: SyncPhase;
  wave: number;
  status?: ResourceStatus;
  /** Set for hooks only. */
  hookPhase?: HookPhase;
  /** The last health seen while the wave waited on the object. */
  health?: HealthResult;
  message: string;
}

export interface SyncRunOptions {
  prune?: boolean;
  /** Objects whose `Prune=confirm` the user confirmed for this sync. */
  confirmPrune?: boolean;
  dryRun?: boolean;
  /** Selective sync: only these ids (keyOfObject); hooks do not run. */
  resources?: readonly string[];
  /** The application's `syncPolicy.syncOptions`. */
  syncOptions?: readonly string[];
  retry?: RetryStrategy;
  /** Terminate: the operation stops before its next step. */
  signal?: AbortSignal;
}

export interface SyncRequest {
  appName: string;
  /** Rendered objects with namespaces set (tracking ids are set again on apply). */
  desired: readonly KubeObject[];
  /** Live objects of the cluster that may belong to the app (from the cache): prune candidates. */
  live: readonly KubeObject[];
  /** The destination namespace, created first with `CreateNamespace=true`. */
  namespace?: string;
  /** The application's `syncPolicy.managedNamespaceMetadata`: set on that namespace. */
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  /** The application's `ignoreDifferences`: kept at their live values with `RespectIgnoreDifferences=true`. */
  ignoreDifferences?: readonly IgnoreDifferenceRule[];
  /**
   * The client-side apply field manager whose fields a server-side apply takes over first
   * (the Application's `argocd.argoproj.io/client-side-apply-migration-manager`); default
   * `kubectl-client-side-apply`.
   */
  clientSideApplyMigrationManager?: string;
  /** Ids the comparison found out of sync: what `ApplyOutOfSyncOnly=true` applies. */
  outOfSync?: ReadonlySet<string>;
  options: SyncRunOptions;
}

export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type Authorization = { allowed: true } | { allowed: false; message: string };

export interface SyncDeps {
  connection: ClusterConnection;
  /** The object as the cluster has it now (not a cache: waves wait on it). */
  readLive(key: ObjectKey): Promise<KubeObject | undefined>;
  /**
   * The object as the engine's watch has it, when it does (undefined: ask readLive): what a
   * server-side apply reads first, as gitops-engine reads its cluster cache, instead of a GET.
   */
  watchedLive?(key: ObjectKey): { obj: KubeObject | undefined } | undefined;
  healthOf(obj: KubeObject): HealthResult | null;
  /** The policy engine's gate, asked before every write. */
  authorize(action: WriteAction, obj: KubeObject): Promise<Authorization>;
  /** How often waits poll the cluster; default 1 s. */
  pollIntervalMs?: number;
  /** How long a wave or hook may take to become healthy; default 10 min. */
  waitTimeoutMs?: number;
  /**
   * Pause between waves so other controllers catch up with what was just applied; Argo CD's
   * ARGOCD_SYNC_WAVE_DELAY, default 2 s.
   */
  waveDelayMs?: number;
  /** Injected for tests of retries; default setTimeout. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface SyncProgress {
  phase: OperationPhase;
  message: string;
  /** 1 for the first attempt, then one more per retry. */
  attempt: number;
  resources: ResourceResult[];
}

export interface SyncResult extends SyncProgress {
  startedAt: string;
  finishedAt: string;
}
