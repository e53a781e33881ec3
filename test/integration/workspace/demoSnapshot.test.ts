// The demo's cluster snapshot is what its manifests really produce: the committed file equals
// the generator's output (run resources/scripts/demo-snapshot.ts after changing the demo), it
// reads as a valid snapshot, and the engine's own diff and health checks find what the demo
// promises: two applications drifted (a hand-scaled Deployment, a hot-patched image) and one
// in sync but degraded (its pods crash).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compareObject, trackingIdOf, type KubeObject } from '../../../engine/diff/index.ts';
import { builtInHealth } from '../../../engine/health/index.ts';
import {
  DEFAULT_TRACKING,
  setActiveTracking,
  TRACKING_METHODS,
  trackingOf,
} from '../../../engine/tracking/trackingSettings.ts';
import { decodeSnapshot } from '../../../engine/snapshot/codec.ts';
import {
  buildDemoSnapshot,
  demoSnapshotPath,
  demoSnapshotText,
} from '../../../resources/scripts/demo-snapshot/demoSnapshot.ts';
import { renderDemoApps } from '../../../resources/scripts/demo-snapshot/renderDemo.ts';
import { tempDir } from '../../support/tempDir.ts';

const cacheDir = tempDir();

describe('the demo snapshot', () => {
  it('is the generator output for the demo manifests as they are (regenerate it when they change)', async () => {
    const committed = await readFile(demoSnapshotPath(), 'utf8');
    const generated = demoSnapshotText(await buildDemoSnapshot(cacheDir));
    expect(
      committed === generated,
      'resources/demo/snapshot is stale: run `npx tsx resources/scripts/demo-snapshot.ts`',
    ).toBe(true);
  });

  it('reads as a snapshot file with its objects and no Secret', async () => {
    const snapshot = await decodeSnapshot(await readFile(demoSnapshotPath()), 'demo snapshot');
    expect(snapshot.cluster.name).toBe('plumbline-demo');
    const kinds = snapshot.objects.map(({ object }) => object.kind);
    expect(new Set(kinds)).toEqual(new Set(['Deployment', 'ReplicaSet', 'Pod', 'Service']));
    expect(kinds.filter((kind) => kind === 'Pod')).toHaveLength(7);
  });

  // the demo's objects carry the tracking annotation and the instance label, so a user's
  // application.resourceTrackingMethod setting finds them either way
  it.each(TRACKING_METHODS)(
    'drifts two applications and degrades the third, tracked by %s',
    async (method) => {
      setActiveTracking(trackingOf({ application: { resourceTrackingMethod: method } }));
      onTestFinished(() => setActiveTracking(DEFAULT_TRACKING));
      const snapshot = await decodeSnapshot(await readFile(demoSnapshotPath()), 'demo snapshot');
      const live = snapshot.objects.map(({ object }) => object as KubeObject);
      const verdicts: Record<string, { status: string[]; paths: string[]; health: string[] }> = {};
      for (const app of await renderDemoApps(join(cacheDir, method))) {
        const verdict = { status: [] as string[], paths: [] as string[], health: [] as string[] };
        for (const desired of app.objects) {
          const match = live.find(
            (object) =>
              object.kind === desired.kind &&
              object.metadata?.name === desired.metadata.name &&
              object.metadata?.namespace === desired.metadata.namespace,
          );
          expect(match && trackingIdOf(match)?.appName).toBe(app.name);
          const comparison = await compareObject(desired, match, { appName: app.name });
          verdict.status.push(`${desired.kind}:${comparison.status}`);
          verdict.paths.push(...comparison.changedPaths.map((path) => `${desired.kind}:${path}`));
          verdict.health.push(`${desired.kind}:${builtInHealth(match!)?.status}`);
        }
        verdicts[app.name] = verdict;
      }
      expect(verdicts.guestbook).toEqual({
        status: ['Deployment:OutOfSync', 'Service:Synced'],
        paths: ['Deployment:/spec/replicas'],
        health: ['Deployment:Healthy', 'Service:Healthy'],
      });
      expect(verdicts['helm-guestbook']?.status).toEqual(['Service:Synced', 'Deployment:OutOfSync']);
      expect(verdicts['helm-guestbook']?.paths).toEqual([
        'Deployment:/spec/template/spec/containers/0/image',
      ]);
      expect(verdicts['kustomize-guestbook']).toEqual({
        status: ['Service:Synced', 'Deployment:Synced'],
        paths: [],
        health: ['Service:Healthy', 'Deployment:Degraded'],
      });
      const pods = live.filter((object) => object.kind === 'Pod');
      const crashing = pods.filter((pod) => builtInHealth(pod)?.status === 'Degraded');
      expect(crashing.map((pod) => pod.metadata?.namespace)).toEqual(['demo-kustomize', 'demo-kustomize']);
    },
  );
});
