// Keeps each application's comparison with its cluster current: compared after every render and
// whenever live objects it owns change (one comparison at a time per application; a request
// during one runs once more after it), and answers the tree, diff, manifest and events.
import type { ResourceDiff, TreeNode, KubeEvent } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { events, type LiveCache, type ResourceType } from '../cluster/index.ts';
import { appManagedNamespace } from '../sync/index.ts';
import { appDiffOptions, objectKey, type KubeObject } from '../diff/index.ts';
import type { Application } from '../model/index.ts';
import { compareApp, liveManifestYaml, resourceDiffs, type AppComparison } from './compareApp.ts';
import type { LiveClusters } from './liveClusters.ts';
import { createLimiter } from '../limits/limiter.ts';
import { ComparisonStamps } from './comparisonStamps.ts';
import { describeFailure } from './failures.ts';
import { LiveOwners } from './liveOwners.ts';
import { Predictions } from './predictions.ts';
import type { PredictionStore } from '../store/predictionStore.ts';
import type { HealthCustomizations } from '../health/index.ts';
import { clusterNameOfKey, isOfflineKey } from '../snapshot/offlineClusters.ts';
import { SnapshotComparisons, unknownComparison } from './snapshotComparisons.ts';

/** What an application should look like in a cluster. */
export interface DesiredState {
  app: Application;
  context: string;
  desired: KubeObject[];
}

export interface ComparisonTarget extends DesiredState {
  /** The revisions the desired objects were rendered at (one per source). */
  revisions: Array<string | null>;
}

const firstListTimeoutMs = 15_000;
/** How long a cluster never listed since the start may take before its snapshot stands in. */
const snapshotGraceMs = 5_000;
/**
 * Comparisons running at once across all applications (Argo CD runs 20 status processors): a
 * thousand applications compared after a restart ask the API server for their dry runs twenty
 * at a time instead of all at once, which it would answer with 429s.
 */
const COMPARISONS_AT_ONCE = 20;

/**
 * Kinds watched on every destination whatever git holds now, so an object of one of them that
 * left git is still seen (and can be pruned): what applications most often deploy.
 */
const COMMONLY_DEPLOYED: readonly ResourceType[] = [
  { group: '', kind: 'ConfigMap' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'networking.k8s.io', kind: 'Ingress' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
];

function managedNamespaceOf(app: Application): { managedNamespace?: KubeObject } {
  const managedNamespace = appManagedNamespace(app);
  return managedNamespace ? { managedNamespace } : {};
}

export class LiveComparisons {
  private readonly results = new Map<string, AppComparison>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly predictions: Predictions;
  /** Which applications each live object concerns, from their last comparisons. */
  private readonly owners = new LiveOwners();
  private readonly slots = createLimiter(COMPARISONS_AT_ONCE);
  /** Kinds each application deployed before, beyond what git holds now (see rememberDeployed). */
  private readonly deployed = new Map<string, ResourceType[]>();
  /** Comparisons with a cluster's snapshot, and what connected clusters show to persist. */
  private readonly snapshots: SnapshotComparisons;
  /** What each application's last comparison was made from: an unchanged one is not made again. */
  private readonly stamps = new ComparisonStamps();

  constructor(
    private readonly live: LiveClusters,
    private readonly onCompared: (name: string, result: AppComparison) => void,
    private readonly healthCustomizations: () => Promise<HealthCustomizations | undefined>,
    unchangedByApply?: PredictionStore,
  ) {
    this.predictions = new Predictions(unchangedByApply);
    this.snapshots = new SnapshotComparisons(() => live.snapshots);
  }

  /** Compares now, or once more after the comparison already running. */
  request(target: () => ComparisonTarget | null, name: string): Promise<void> {
    if (this.running.has(name)) {
      this.again.add(name);
      return this.running.get(name)!;
    }
    const run = (async () => {
      do {
        this.again.delete(name);
        // the target is read once a slot is free: what waited compares what is current then
        await this.slots.run(async () => {
          const current = target();
          if (current) await this.compare(name, current);
        });
      } while (this.again.has(name));
    })().finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  forget(name: string): void {
    this.snapshots.forget(name);
    this.owners.forget(name);
    this.results.delete(name);
    this.stamps.drop(name);
    this.deployed.delete(name);
  }

  /** Kinds an application deployed: watched from now on, so an object of one that left git is a prune candidate. */
  rememberDeployed(name: string, types: readonly ResourceType[]): void {
    this.deployed.set(name, mergeTypes(this.deployed.get(name) ?? [], types));
  }

  /** The applications these changed objects of a cluster concern (own, track, or are parents of). */
  concerned(context: string, changedKeys: ReadonlySet<string>): Set<string> {
    const cache = this.live.existingCache(context);
    return this.owners.concerned(context, changedKeys, (key) => cache?.get(key));
  }

  /** Compares the application again on its next request even when nothing it stamped changed. */
  invalidate(name: string): void {
    this.stamps.forget(name);
  }

  result(name: string): AppComparison | undefined {
    return this.results.get(name);
  }

  tree(name: string): TreeNode[] {
    return this.results.get(name)?.nodes ?? [];
  }

  diff(name: string, revealSecrets: boolean): ResourceDiff[] {
    return resourceDiffs(this.results.get(name)?.resources ?? [], revealSecrets);
  }

  liveManifest(name: string, context: string | null, id: string): string {
    return liveManifestYaml(this.liveObject(name, context, id));
  }

  async resourceEvents(name: string, context: string | null, id: string): Promise<KubeEvent[]> {
    const cache = context ? this.live.existingCache(context) : undefined;
    if (!cache) throw new ContractError('unavailable', `${name}: its cluster is not connected`);
    const found = await events(cache.connection, this.liveObject(name, context, id));
    return found.map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      lastSeen: e.lastSeen ?? e.firstSeen ?? null,
      source: e.source || null,
    }));
  }

  private liveObject(name: string, context: string | null, id: string): KubeObject {
    const fromComparison = this.results.get(name)?.resources.find((r) => r.id === id)?.live;
    const live = fromComparison ?? (context ? this.live.existingCache(context)?.get(id) : undefined);
    if (!live) throw new ContractError('invalid-input', `${name}: no live object ${id}`);
    return live;
  }

  /** What syncing these desired objects would change, without keeping the comparison (a rollback's preview). */
  async preview(target: DesiredState): Promise<ResourceDiff[]> {
    const cache = this.cacheFor(target);
    await cache.synced();
    const result = await compareApp({
      appName: target.app.metadata.name,
      desired: target.desired,
      healthCustomizations: await this.healthCustomizations(),
      cache,
      predictions: this.predictions,
      ignoreDifferences: target.app.spec.ignoreDifferences ?? [],
      diffOptions: appDiffOptions(target.app),
      ...managedNamespaceOf(target.app),
    });
    return resourceDiffs(result.resources, false);
  }

  /** The live cache of an application's cluster, watching what the application deploys. */
  cacheFor({ app, context, desired }: DesiredState): LiveCache {
    const namespaces = [
      app.spec.destination.namespace ?? 'default',
      ...desired.map((d) => objectKey(d).namespace),
    ];
    return this.live.cacheFor(
      context,
      [
        ...COMMONLY_DEPLOYED,
        ...typesOf(desired),
        ...(this.deployed.get(app.metadata.name) ?? []),
        // its managed namespace may carry the app's tracking id (see appManagedNamespace)
        ...(appManagedNamespace(app) ? [{ group: '', kind: 'Namespace' }] : []),
      ],
      [...new Set(namespaces)].filter(Boolean),
    );
  }

  private async compare(name: string, target: ComparisonTarget): Promise<void> {
    const { context, revisions } = target;
    // an offline-only cluster has no connection to wait for: its snapshot is all there is
    const result = isOfflineKey(context)
      ? ((await this.snapshots.compare(target, null, await this.healthCustomizations())) ??
        unknownComparison(`cluster ${clusterNameOfKey(context)} has no snapshot any more`, revisions))
      : // a cluster removed meanwhile has no connection any more: Unknown, saying why
        await this.compareLive(name, target).catch((error: unknown) =>
          unknownComparison(describeFailure(error), revisions),
        );
    // nothing it is made from changed: the same comparison, still told (auto-sync's turn)
    if (result === this.results.get(name)) return this.onCompared(name, result);
    this.results.set(name, result);
    this.owners.record(name, context, [
      ...result.resources.map((resource) => resource.id),
      ...result.nodes.map((node) => node.id),
    ]);
    this.onCompared(name, result);
  }

  /** The comparison with the live cache; with the last known state (cache or snapshot) while the cluster is away. */
  private async compareLive(name: string, target: ComparisonTarget): Promise<AppComparison> {
    const { app, context, desired, revisions } = target;
    const cache = this.cacheFor({ app, context, desired });
    const reasonNow = () => {
      const state = this.live.state(context) ?? cache.state();
      return state.state === 'unreachable'
        ? `cluster ${context} unreachable: ${state.reason ?? 'no answer'}`
        : `waiting for cluster ${context} to answer`;
    };
    // never listed since the start: its snapshot is the last known state, shown once the cluster
    // had a moment to answer (the cluster's first answer compares again). Without that moment a
    // command's fresh engine (`plumbline sync`) would see the snapshot and refuse to write.
    if (!this.live.wasConnected(context)) {
      await Promise.race([
        cache.synced(),
        new Promise((resolve) => setTimeout(resolve, snapshotGraceMs).unref()),
      ]);
    }
    if (!this.live.wasConnected(context)) {
      const fromSnapshot = await this.snapshots.compare(
        target,
        reasonNow(),
        await this.healthCustomizations(),
      );
      if (fromSnapshot) return fromSnapshot;
    }
    await Promise.race([
      cache.synced(),
      new Promise((resolve) => setTimeout(resolve, firstListTimeoutMs).unref()),
    ]);
    const away = (this.live.state(context) ?? cache.state()).state === 'unreachable';
    const reason = reasonNow();
    // a cluster never listed has no last known state: an empty cache would read as "Missing"
    if (!this.live.wasConnected(context)) return unknownComparison(reason, revisions);
    const healthCustomizations = await this.healthCustomizations();
    const connected = !away && !this.live.lostSince(context);
    const last = this.results.get(name);
    const stamp = this.stamps.stampOf(target, cache, healthCustomizations, last);
    if (connected && last && !last.liveSource && this.stamps.unchanged(name, stamp)) return last;
    this.stamps.forget(name);
    const begun = this.stamps.begin(name);
    const unansweredBefore = this.predictions.unanswered;
    const result = await compareApp({
      appName: app.metadata.name,
      desired,
      healthCustomizations,
      cache,
      predictions: away ? null : this.predictions,
      ignoreDifferences: app.spec.ignoreDifferences ?? [],
      diffOptions: appDiffOptions(app),
      ...managedNamespaceOf(app),
      revisions,
      ...(away ? { note: `cluster ${context} unreachable, compared with its last known state` } : {}),
    });
    // a dry run the cluster did not answer made this comparison client-side: it is made again
    if (connected && this.predictions.unanswered === unansweredBefore) this.stamps.record(name, stamp, begun);
    const lostSince = this.live.lostSince(context);
    if (away || lostSince)
      return { ...result, liveSource: { kind: 'snapshot', asOf: lostSince ?? result.comparedAt, reason } };
    this.snapshots.observed(context, name, cache, result);
    return result;
  }
}

export function typesOf(objects: readonly KubeObject[]): ResourceType[] {
  return uniqueTypes(objects.map((obj) => objectKey(obj)));
}

export function mergeTypes(...lists: ReadonlyArray<readonly ResourceType[]>): ResourceType[] {
  return uniqueTypes(lists.flat());
}

function uniqueTypes(types: readonly ResourceType[]): ResourceType[] {
  return [...new Map(types.map(({ group, kind }) => [`${group}/${kind}`, { group, kind }])).values()];
}
