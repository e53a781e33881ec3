// Offline drift inspection against a real cluster. An engine observes plumbline-a; its API server
// stops; a new engine on the same data folder shows the applications as of the last observation,
// marked not live, computes a new commit's diff against the snapshot, and refuses to sync; the
// API server comes back and the same engine is live again. Then a snapshot exported from the
// cluster and imported on a fresh data folder with no reachable cluster finds the same drift.
// Neither the data folders nor the snapshot file hold a Secret's live value.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { startApiServer, stopApiServer } from '../../cluster/harness.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { writeFile } from 'node:fs/promises';

const root = tempDir();
const namespace = testNamespace('offline');
const objects = k8s.KubernetesObjectApi.makeApiClient(connect('plumbline-a').kubeConfig);
const liveSecret = 'live-only-secret-value-7f3a';
const workspace = join(root, 'workspace');
const engines: Engine[] = [];
let remote: Remote;

const configMap = (mode: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace },
  data: { mode },
});
const secret = (password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'credentials', namespace },
  stringData: { password },
});

async function apply(obj: object): Promise<void> {
  const tracked = setTrackingId(obj as KubeObject, 'shop') as k8s.KubernetesObject;
  await objects.patch(tracked, undefined, undefined, 'e2e-hand', true, k8s.PatchStrategy.ServerSideApply);
}

function start(dataDir: string, kubeconfig: string): PlumblineClient {
  const engine = createEngine({
    dataDir,
    env: { PATH: process.env.PATH, KUBECONFIG: kubeconfig, PLUMBLINE_WORKSPACE: workspace },
    homeDir: root,
  });
  engines.push(engine);
  return inProcessClient(engine);
}

const shop = async (client: PlumblineClient): Promise<AppSummary> =>
  (await client.call('apps.get', { name: 'shop' })).app;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** No file under `dir` (gzip files decompressed) holds the live Secret's value. */
function expectNoLiveSecret(dir: string): void {
  const encoded = Buffer.from(liveSecret).toString('base64');
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString() : bytes.toString();
    expect(text, file).not.toContain(liveSecret);
    expect(text, file).not.toContain(encoded);
  }
}

beforeAll(async () => {
  ({ remote } = await remoteWith(root, 'shop.git', {
    'app/settings.yaml': stringify(configMap('from-git')),
    'app/credentials.yaml': stringify(secret('from-git')),
  }));
  await writeApplication(workspace, 'shop', {
    source: { repoURL: remote.bare, path: 'app', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
  });
  // drift made by hand: the ConfigMap differs from git; the Secret's live value is only in the cluster
  await apply(configMap('edited-by-hand'));
  await apply(secret(liveSecret));
}, 60_000);

afterAll(async () => {
  for (const engine of engines) await engine.close().catch(() => undefined);
  await startApiServer('plumbline-a'); // whatever happened, the shared cluster stays up
});

describe('offline drift inspection on a real cluster', () => {
  const dataDir = join(root, 'data');
  let online: PlumblineClient;

  it(
    'observes the cluster and persists its managed objects without Secret values',
    { timeout: 120_000 },
    async () => {
      online = start(dataDir, testKubeconfigPath());
      const live = await until(
        'compared live',
        async () => {
          const app = await shop(online);
          return app.sync.status === 'OutOfSync' && app;
        },
        60_000,
      );
      expect(live.liveSource).toBeUndefined();
      const { snapshots } = await until(
        'snapshot persisted',
        async () => {
          const listed = await online.call('snapshots.list', {});
          return listed.snapshots.some((s) => s.cluster === 'plumbline-a' && s.objects >= 2) && listed;
        },
        60_000,
      );
      expect(snapshots.find((s) => s.cluster === 'plumbline-a')).toMatchObject({
        kind: 'persisted',
        offlineOnly: false,
      });
      expectNoLiveSecret(dataDir);
      await engines.pop()!.close();
    },
  );

  it(
    'after a restart without the API server: statuses as of the last observation, a new commit diffed against the snapshot, sync refused; live again when it is back',
    { timeout: 240_000 },
    async () => {
      await stopApiServer('plumbline-a');
      let client: PlumblineClient;
      let commit = '';
      try {
        client = start(dataDir, testKubeconfigPath());
        const offline = await until(
          'compared with the snapshot',
          async () => {
            const app = await shop(client);
            return app.liveSource && app.sync.status === 'OutOfSync' && app;
          },
          60_000,
        );
        expect(offline.liveSource!.kind).toBe('snapshot');
        expect(offline.liveSource!.reason).toMatch(/plumbline-a/);
        expect(Date.parse(offline.liveSource!.asOf)).toBeLessThan(Date.now());
        expect(offline.sync.message).toMatch(/last known state as of/);
        const { resources } = await client.call('apps.diff', { name: 'shop' });
        expect(resources.find((r) => r.key.kind === 'ConfigMap')).toMatchObject({
          status: 'OutOfSync',
          changedPaths: ['/data/mode'],
        });
        // the snapshot cannot judge a Secret's value: it is not shown as drift
        expect(resources.find((r) => r.key.kind === 'Secret')?.status).toBe('Synced');

        // a new commit that matches the cluster: rendered from the local repository, compared with the snapshot
        commit = await remote.commit(
          { 'app/settings.yaml': stringify(configMap('edited-by-hand')) },
          'adopt the edit',
        );
        await remote.push('main');
        await client.call('apps.refresh', { name: 'shop', hard: true });
        const adopted = await until(
          'the new commit compared',
          async () => {
            const app = await shop(client);
            return app.revision === commit && app.sync.status === 'Synced' && app;
          },
          60_000,
        );
        expect(adopted.liveSource).toBeDefined();

        await expect(client.call('apps.sync', { name: 'shop' })).rejects.toThrow(/cannot sync: .*snapshot/);
      } catch (error) {
        await startApiServer('plumbline-a');
        throw error;
      }
      await startApiServer('plumbline-a');
      const live = await until(
        'live again',
        async () => {
          const app = await shop(client!);
          return !app.liveSource && app.revision === commit && app;
        },
        90_000,
      );
      expect(live.sync.message ?? '').not.toMatch(/last known/);
      // live again, the Secret's value is compared too: the cluster's differs from git's
      const { resources: liveResources } = await client!.call('apps.diff', { name: 'shop' });
      expect(liveResources.find((r) => r.key.kind === 'ConfigMap')?.status).toBe('Synced');
      expect(liveResources.find((r) => r.key.kind === 'Secret')?.status).toBe('OutOfSync');
      expectNoLiveSecret(dataDir);
    },
  );

  it(
    'a snapshot exported from the cluster, imported on a fresh data folder with no cluster, finds the same drift',
    { timeout: 180_000 },
    async () => {
      const client = start(join(root, 'data-export'), testKubeconfigPath());
      await apply(configMap('drifted-again'));
      await until(
        'drift seen live',
        async () => {
          const app = await shop(client);
          return !app.liveSource && app.sync.status === 'OutOfSync' && app;
        },
        60_000,
      );
      const liveDiff = (await client.call('apps.diff', { name: 'shop' })).resources;
      const exported = await client.call('snapshots.export', {
        context: 'plumbline-a',
        namespaces: [namespace],
      });
      const file = join(root, exported.fileName);
      await writeFile(file, Buffer.from(exported.contentBase64, 'base64'));
      expectNoLiveSecret(root);

      // no kubeconfig at all: nothing to reach
      const fresh = start(join(root, 'data-fresh'), join(root, 'no-kubeconfig'));
      const imported = await fresh.call('snapshots.import', {
        contentBase64: exported.contentBase64,
        cluster: 'plumbline-a',
      });
      expect(imported.cluster).toBe('plumbline-a');
      const offline = await until(
        'compared with the import',
        async () => {
          const app = await shop(fresh);
          return app.liveSource && app.sync.status === 'OutOfSync' && app;
        },
        60_000,
      );
      expect(offline.liveSource!.reason).toMatch(/imported snapshot/);
      const offlineDiff = (await fresh.call('apps.diff', { name: 'shop' })).resources;
      // a snapshot holds no Secret value, so it cannot judge one: the rest of the drift is the same
      const drift = (diff: typeof liveDiff) =>
        diff
          .filter((r) => r.status !== 'Synced' && r.key.kind !== 'Secret')
          .map((r) => ({ id: r.id, changedPaths: r.changedPaths }));
      expect(drift(offlineDiff)).toEqual(drift(liveDiff));
      expect(drift(offlineDiff)).toEqual([
        { id: `/ConfigMap/${namespace}/settings`, changedPaths: ['/data/mode'] },
      ]);
      expect((await fresh.call('snapshots.list', {})).snapshots).toEqual([
        expect.objectContaining({ cluster: 'plumbline-a', kind: 'imported', offlineOnly: true }),
      ]);
      await expect(fresh.call('apps.sync', { name: 'shop' })).rejects.toThrow(/cannot sync/);
      expectNoLiveSecret(join(root, 'data-fresh'));
    },
  );
});
