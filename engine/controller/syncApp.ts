// One sync of one application: its desired objects applied to its cluster by engine/sync, every
// write first checked against the application's project by engine/policy (its rules, and its
// sync windows: one that closes while the operation runs stops it unless it allows
// syncOverrun), progress reported in the contract's words.
import type { Operation } from '../api/contract.ts';
import type { LiveCache } from '../cluster/index.ts';
import { objectKey, type KubeObject } from '../diff/index.ts';
import { builtInHealth, type KubeObject as HealthObject } from '../health/index.ts';
import type { AppProject, Application } from '../model/index.ts';
import { authorizeWrite } from '../policy/projectRules.ts';
import { clusterNamespacesAllow } from '../policy/clusterNamespaces.ts';
import { operationMayContinue, windowTargetOf } from '../policy/syncWindows.ts';
import type { DestinationCluster } from './destinations.ts';
import {
  CSA_MIGRATION_MANAGER_ANNOTATION,
  readLiveObject,
  runSync,
  type SyncProgress,
} from '../sync/index.ts';

export interface SyncAppInput {
  app: Application;
  project: AppProject;
  context: string;
  /** The destination as resolved: its label and, for a registered cluster, its namespaces. */
  cluster: DestinationCluster;
  desired: KubeObject[];
  cache: LiveCache;
  outOfSync: ReadonlySet<string>;
  options: {
    prune?: boolean;
    dryRun?: boolean;
    resources?: string[];
    syncOptions?: string[];
    confirmPrune?: boolean;
  };
  /** Terminates the operation when aborted. */
  signal?: AbortSignal;
  /** Started by auto-sync, not by a user: how the sync windows judge it. */
  automated?: boolean;
}

/** The Application's `argocd.argoproj.io/client-side-apply-migration-manager`, when set. */
function migrationManagerOf(app: Application): { clientSideApplyMigrationManager?: string } {
  const manager = app.metadata.annotations?.[CSA_MIGRATION_MANAGER_ANNOTATION];
  return manager ? { clientSideApplyMigrationManager: manager } : {};
}

export function toOperation(
  progress: SyncProgress,
  dryRun: boolean,
  startedAt: string,
  finishedAt: string | null,
): Operation {
  return {
    phase: progress.phase,
    message: progress.message,
    dryRun,
    startedAt,
    finishedAt,
    resources: progress.resources.map((r) => ({
      id: r.id,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      phase: r.phase,
      wave: r.wave,
      status: r.status ?? null,
      hookPhase: r.hookPhase ?? null,
      message: r.message,
    })),
  };
}

export async function syncApp(
  input: SyncAppInput,
  onOperation: (operation: Operation) => void,
): Promise<Operation> {
  const { app, project, cache, options } = input;
  const destinationCluster = app.spec.destination.name ?? app.spec.destination.server ?? '';
  const startedAt = new Date().toISOString();
  const dryRun = options.dryRun ?? false;
  const connection = cache.connection;
  const windows = project.spec.syncWindows ?? [];
  const windowsClosed = () =>
    dryRun
      ? null
      : operationMayContinue(windows, windowTargetOf(app), !input.automated, new Date(startedAt), new Date());
  // what the application tracks is known once its cluster's types are listed (a connection made
  // again, after a cluster's settings changed, starts empty)
  await cache.synced();
  const result = await runSync(
    {
      appName: app.metadata.name,
      desired: input.desired,
      live: cache.objectsTrackedBy(app.metadata.name),
      ...(app.spec.destination.namespace ? { namespace: app.spec.destination.namespace } : {}),
      ...(app.spec.syncPolicy?.managedNamespaceMetadata
        ? { managedNamespaceMetadata: app.spec.syncPolicy.managedNamespaceMetadata }
        : {}),
      ignoreDifferences: app.spec.ignoreDifferences ?? [],
      ...migrationManagerOf(app),
      outOfSync: input.outOfSync,
      options: {
        prune: options.prune ?? false,
        dryRun,
        ...(options.confirmPrune ? { confirmPrune: true } : {}),
        ...(options.resources ? { resources: options.resources } : {}),
        syncOptions: [...(app.spec.syncPolicy?.syncOptions ?? []), ...(options.syncOptions ?? [])],
        ...(input.signal ? { signal: input.signal } : {}),
        ...(app.spec.syncPolicy?.retry ? { retry: app.spec.syncPolicy.retry } : {}),
      },
    },
    {
      connection,
      readLive: (key) => readLiveObject(connection, key),
      watchedLive: (key) => cache.known(key),
      healthOf: (obj) => builtInHealth(obj as HealthObject),
      // The project's destinations name clusters as applications do, not by cache key.
      authorize: async (_action, obj) => {
        const closed = windowsClosed();
        if (closed) return { allowed: false, message: closed };
        const target = { namespace: objectKey(obj).namespace, obj };
        const cluster = clusterNamespacesAllow(input.cluster, target);
        return cluster.allowed
          ? authorizeWrite(project, {
              cluster: destinationCluster,
              destinationNamespace: app.spec.destination.namespace ?? '',
              ...target,
            })
          : cluster;
      },
    },
    (progress) => onOperation(toOperation(progress, dryRun, startedAt, null)),
  );
  return toOperation(result, dryRun, result.startedAt, result.finishedAt);
}
