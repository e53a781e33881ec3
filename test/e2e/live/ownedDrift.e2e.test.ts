// Drift as fast as the watch delivers it (issue 19): on the real cluster, five applications
// each own one ConfigMap; a live edit of one of them re-compares that application alone (from
// the desired state it already has, without a render) and it reads OutOfSync within a
// fraction of a second, while the four others are not compared again at all.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClusters } from '../../../engine/controller/liveClusters.ts';
import { LiveComparisons, type ComparisonTarget } from '../../../engine/controller/liveComparisons.ts';
import type { Application } from '../../../engine/model/index.ts';
import { clientsOf, configMap, connect, plain, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('owned-drift');
const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const APPS = ['app-0', 'app-1', 'app-2', 'app-3', 'app-4'];
const compared = new Map<string, number>();
let comparisons: LiveComparisons;
let live: LiveClusters;

function target(name: string): ComparisonTarget {
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name },
    spec: {
      project: 'default',
      destination: { name: 'plumbline-a', namespace: ns },
      source: { repoURL: 'x' },
    },
  } as unknown as Application;
  const desired = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    ...plain(configMap(`cm-${name}`, ns, { v: '1' }, name)),
  };
  return { app, context: 'plumbline-a', desired: [desired], revisions: ['a'.repeat(40)] };
}

beforeAll(async () => {
  for (const name of APPS)
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(`cm-${name}`, ns, { v: '1' }, name),
    });
  live = new LiveClusters(
    { get: () => connection },
    () => undefined,
    (context, keys) => {
      // objects of other test files' applications change on the same cluster: only ours count
      for (const name of comparisons.concerned(context, keys))
        if (APPS.includes(name)) void comparisons.request(() => target(name), name);
    },
  );
  comparisons = new LiveComparisons(
    live,
    (name) => compared.set(name, (compared.get(name) ?? 0) + 1),
    async () => undefined,
  );
  await Promise.all(APPS.map((name) => comparisons.request(() => target(name), name)));
});
afterAll(() => live?.close());

describe('a live edit', () => {
  it('re-compares only the application that owns the object, at once', async () => {
    for (const name of APPS) expect(comparisons.result(name)?.sync.status, name).toBe('Synced');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the initial list's changes have passed
    compared.clear();
    const sent = Date.now();
    await core.patchNamespacedConfigMap(
      { name: 'cm-app-2', namespace: ns, body: { data: { v: 'drifted' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await until('app-2 OutOfSync', () => comparisons.result('app-2')?.sync.status === 'OutOfSync', 5_000);
    const latencyMs = Date.now() - sent;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(latencyMs).toBeLessThan(1_000);
    expect([...compared.keys()]).toEqual(['app-2']);
    expect(comparisons.result('app-2')?.sync.revision).toBe('a'.repeat(40));
  });
});
