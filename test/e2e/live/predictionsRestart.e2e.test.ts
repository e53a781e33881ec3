// After a restart, objects whose server-side-apply dry run found nothing to change are not asked
// again while neither git nor the live object changed: the restart of a fleet would otherwise
// send one dry run per object before any status is shown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Predictions } from '../../../engine/controller/predictions.ts';
import { objectKey, type KubeObject } from '../../../engine/diff/index.ts';
import { PredictionStore } from '../../../engine/store/predictionStore.ts';
import { applyObject, readLiveObject } from '../../../engine/sync/objectWrites.ts';
import type { ClusterConnection } from '../../../engine/cluster/clusterConnection.ts';
import { configMap, connect, deployment, plain, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('predict');
const dir = mkdtempSync(join(tmpdir(), 'plumbline-predictions-'));
const file = join(dir, 'predictions.json.gz');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = (namespace: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'token', namespace },
  stringData: { token: 'not-on-disk-4217' },
});

/** Waits until the object's resourceVersion stays the same for a second. */
async function settled(connection: ClusterConnection, obj: KubeObject): Promise<void> {
  let last = '';
  await until('a settled object', async () => {
    const version = String((await readLiveObject(connection, objectKey(obj)))?.metadata?.resourceVersion);
    const same = version === last;
    last = version;
    if (!same) await new Promise((resolve) => setTimeout(resolve, 1_000));
    return same;
  });
}

/** What one engine start costs in dry runs for these objects, and what it predicts. */
async function start(
  desired: KubeObject[],
): Promise<{ dryRuns: number; predicted: Array<KubeObject | undefined> }> {
  const connection = connect('plumbline-a');
  const store = new PredictionStore(file, 0);
  const predictions = new Predictions(store);
  const before = connection.requestCounts().byVerb.patch ?? 0;
  const predicted: Array<KubeObject | undefined> = [];
  for (const obj of desired) {
    const live = await readLiveObject(connection, objectKey(obj));
    predicted.push(await predictions.predict(connection, obj, live));
  }
  await store.flush();
  return { dryRuns: (connection.requestCounts().byVerb.patch ?? 0) - before, predicted };
}

describe('dry runs across a restart', () => {
  it('asks again only for what changed, and never keeps a Secret', async () => {
    const connection = connect('plumbline-a');
    const desired = [
      { apiVersion: 'v1', kind: 'ConfigMap', ...plain(configMap('settings', ns, { mode: 'fast' })) },
      plain(deployment('web', ns, 'predict')),
      secret(ns),
    ] as KubeObject[];
    for (const obj of desired)
      await applyObject(connection, obj, undefined, 'serverSide', {
        dryRun: false,
        validate: true,
        waitForKindMs: 0,
      });
    // the Deployment's controller writes its status after the apply: a new live version
    await settled(connection, desired[1] as KubeObject);

    const first = await start(desired);
    expect(first.dryRuns).toBe(3);
    const second = await start(desired);
    expect(second.dryRuns).toBe(1); // the Secret only
    expect((second.predicted[0]?.data as Record<string, string>).mode).toBe('fast');

    // git changed one object: that one is asked again
    const changed = [{ ...desired[0], data: { mode: 'slow' } } as KubeObject, desired[1] as KubeObject];
    const third = await start(changed);
    expect(third.dryRuns).toBe(1);
    expect((third.predicted[0]?.data as Record<string, string>).mode).toBe('slow');

    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text).not.toContain('not-on-disk-4217');
    expect(text).not.toContain('/Secret/');
  });
});
