// Compares one application's desired objects with the live state of its cluster: a diff per
// object (server-side-apply dry run when the cluster answers, client-side otherwise), health per
// object, the application's sync and health, and its resource tree.
import type { AppSummary, ResourceDiff, TreeNode } from '../api/contract.ts';
import {
  keyOfObject,
  keyString,
  resourceTree,
  type ClusterConnection,
  type TreeSource,
} from '../cluster/index.ts';
import {
  appSyncStatus,
  compareObject,
  isHook,
  isTrackedBy,
  maskSecretObjects,
  objectKey,
  yamlOf,
  type AppDiffOptions,
  type IgnoreDifferenceRule,
  type KubeObject,
  type ObjectComparison,
  type ObjectKey,
} from '../diff/index.ts';
import {
  aggregateHealth,
  healthLookup,
  type HealthCustomizations,
  type HealthResult,
} from '../health/index.ts';
import type { KubeObject as HealthObject } from '../health/index.ts';
import { createLimiter } from '../limits/limiter.ts';
import { nodeInfo } from './nodeInfo.ts';
import type { Predictions } from './predictions.ts';

export interface ComparedResource {
  id: string;
  desired?: KubeObject;
  live?: KubeObject;
  comparison: ObjectComparison;
}

export interface AppComparison {
  sync: AppSummary['sync'];
  health: AppSummary['health'];
  resources: ComparedResource[];
  nodes: TreeNode[];
  comparedAt: string;
  /** The revisions of the desired objects compared (one per source). */
  revisions: Array<string | null>;
  /** Compared with a snapshot (or a cache whose cluster is away), not the live cluster. */
  liveSource?: AppSummary['liveSource'];
}

/**
 * The live objects an application is compared with: a cluster's live cache, or a snapshot of
 * one (no connection: nothing can be asked of the cluster).
 */
export interface LiveObjects extends TreeSource {
  get(key: ObjectKey | string): KubeObject | undefined;
  readonly connection?: ClusterConnection;
}

export interface CompareInput {
  appName: string;
  /** Argo CD-style Lua health checks the user maintains; built-in checks otherwise. */
  healthCustomizations?: HealthCustomizations;
  desired: KubeObject[];
  cache: LiveObjects;
  /** Ask the cluster for server-side-apply predictions (false while it is unreachable). */
  predictions: Predictions | null;
  ignoreDifferences: IgnoreDifferenceRule[];
  /**
   * The namespace the application manages the metadata of (appManagedNamespace): when it is
   * live and tracked by the app, it is compared as one of the app's objects, as in Argo CD.
   */
  managedNamespace?: KubeObject;
  /** The Application's `compare-options` (ServerSideDiff, IncludeMutationWebhook); default Plumbline's diff. */
  diffOptions?: AppDiffOptions;
  /** Said next to the sync status, e.g. that the cluster is away and this is the last known state. */
  note?: string;
  /** The revisions the desired objects were rendered at; the sync status says which it is for. */
  revisions?: Array<string | null>;
}

/** Server-side-apply dry runs of one application's comparison in flight at once. */
const PREDICTIONS_AT_ONCE = 4;

function withManagedNamespace(input: CompareInput): KubeObject[] {
  const ns = input.managedNamespace;
  if (ns === undefined) return input.desired;
  const id = keyOfObject(ns);
  const live = input.cache.get(id);
  if (!live || !isTrackedBy(live, input.appName) || input.desired.some((obj) => keyOfObject(obj) === id))
    return input.desired;
  return [...input.desired, ns];
}

export async function compareApp(input: CompareInput): Promise<AppComparison> {
  const { appName, cache } = input;
  const diffOptions = input.diffOptions ?? { includeMutationWebhook: false };
  const targets = withManagedNamespace(input);
  const desiredIds = new Set(targets.map((obj) => keyOfObject(obj)));
  // a few dry runs of one application at a time: its comparison is not twenty round trips long
  const slots = createLimiter(PREDICTIONS_AT_ONCE);
  const resources: ComparedResource[] = await Promise.all(
    targets.map((desired) =>
      slots.run(async () => {
        const id = keyOfObject(desired);
        const live = cache.get(id);
        // `ServerSideDiff=false` is Argo CD's legacy diff: no dry run, a client-side comparison.
        const predictedLive =
          input.predictions && cache.connection && !isHook(desired) && diffOptions.serverSideDiff !== false
            ? await input.predictions.predict(cache.connection, desired, live)
            : undefined;
        const comparison = await compareObject(desired, live, {
          appName,
          predictedLive,
          ignoreDifferences: input.ignoreDifferences,
          ignoreMutationWebhook: diffOptions.serverSideDiff === true && !diffOptions.includeMutationWebhook,
        });
        return { id, desired, ...(live ? { live } : {}), comparison };
      }),
    ),
  );
  for (const live of cache.objectsTrackedBy(appName)) {
    const id = keyOfObject(live);
    if (desiredIds.has(id)) continue;
    resources.push({ id, live, comparison: await compareObject(undefined, live, { appName }) });
  }

  const sync = appSyncStatus(resources.map((r) => r.comparison));
  // Every object's health at once: custom Lua checks go to the health worker as one batch.
  const tree = resourceTree(cache, appName);
  const judge = await healthLookup(
    [
      ...resources.flatMap((r) => (r.live ? [r.live] : [])),
      ...tree.map((node) => node.object),
    ] as HealthObject[],
    input.healthCustomizations,
  );
  const healthOfObject = (obj: KubeObject): HealthResult | null => judge(obj as HealthObject);
  const health = aggregateHealth(
    resources.map((r) => ({
      obj: (r.live ?? r.desired) as HealthObject,
      health: r.live ? healthOfObject(r.live) : r.desired ? { status: 'Missing' as const } : null,
    })),
    input.healthCustomizations,
  );
  const worstMessage = resources
    .map((r) => (r.live ? healthOfObject(r.live) : null))
    .find((result) => result?.status === health && result.message)?.message;
  const note = input.note ? ` (${input.note})` : '';
  const revisions = input.revisions ?? [];
  return {
    sync: {
      status: sync.status,
      ...(sync.reason || note ? { message: `${sync.reason ?? ''}${note}`.trim() } : {}),
      revision: firstRevision(revisions),
    },
    health: { status: health, ...(worstMessage ? { message: worstMessage } : {}) },
    resources,
    nodes: treeNodes(tree, resources, healthOfObject),
    comparedAt: new Date().toISOString(),
    revisions,
  };
}

/** The revision an application is said to be at: its first git source's. */
export function firstRevision(revisions: ReadonlyArray<string | null>): string | null {
  return revisions.find((revision) => revision !== null) ?? null;
}

function treeNodes(
  tree: ReturnType<typeof resourceTree>,
  resources: ComparedResource[],
  healthOfObject: (obj: KubeObject) => HealthResult | null,
): TreeNode[] {
  const syncById = new Map(resources.map((r) => [r.id, r.comparison.status]));
  const nodes: TreeNode[] = tree.map((node) => {
    const id = keyString(node.key);
    return {
      id,
      key: node.key,
      parentIds: node.parentKeys.map(keyString),
      managed: syncById.has(id),
      health: healthOfObject(node.object),
      sync: syncById.get(id) ?? null,
      info: nodeInfo(node.object),
    };
  });
  const present = new Set(nodes.map((node) => node.id));
  for (const resource of resources) {
    if (present.has(resource.id) || !resource.desired) continue;
    nodes.push({
      id: resource.id,
      key: objectKey(resource.desired),
      parentIds: [],
      managed: true,
      health: { status: 'Missing', message: 'not in the cluster' },
      sync: resource.comparison.status,
      info: [],
    });
  }
  return nodes;
}

/** The contract's view of the resources' diffs; Secret values stay masked unless revealed. */
export function resourceDiffs(resources: ComparedResource[], revealSecrets: boolean): ResourceDiff[] {
  return resources.map(({ id, desired, live, comparison }) => {
    const [shownDesired, shownLive] = revealSecrets
      ? [desired ?? null, live ?? null]
      : [comparison.normalizedDesired, comparison.normalizedLive];
    const reason =
      comparison.reason === 'missing' || comparison.reason === 'extraneous' || comparison.reason === 'changed'
        ? comparison.reason
        : null;
    return {
      id,
      key: comparison.key,
      status: comparison.status ?? 'Synced',
      reason,
      requiresPruning: comparison.requiresPruning,
      hook: comparison.reason === 'hook' || comparison.reason === 'skipped',
      changedPaths: comparison.changedPaths,
      desiredYaml: yamlOf(shownDesired),
      liveYaml: yamlOf(shownLive),
      ...(comparison.message ? { message: comparison.message } : {}),
    };
  });
}

/** One live object as YAML, Secret values masked. */
export function liveManifestYaml(live: KubeObject): string {
  return yamlOf(maskSecretObjects([live])[0]);
}
