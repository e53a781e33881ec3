// Offline drift inspection from the command line, with no reachable cluster at all: `plumbline
// apps --snapshot` and `plumbline diff --snapshot` compare with a snapshot file and say so; an
// imported snapshot makes an offline-only cluster applications can name; syncs are refused with
// the reason; the data folder never holds a Secret value. Each CLI run starts its own engine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTrackingId } from '../../../engine/diff/index.ts';
import { encodeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../../engine/snapshot/index.ts';
import { runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { cliWorkspaceEnv, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';

const dir = tempDir();
const { workspace, env } = cliWorkspaceEnv(dir);
const snapshotFile = join(dir, 'prod.snapshot.gz');
/** The live Secret's value (git holds another): never in a file Plumbline writes. */
const secretValue = 'aHVudGVyMi1pcy1ub3QtYS1wYXNzd29yZA==';
const gitSecretValue = 'ZnJvbS1naXQ=';

const tracked = (app: string, kind: string, name: string, group = '') => ({
  'plumbline.dev/tracking-id': formatTrackingId({ appName: app, group, kind, namespace: 'shop', name }),
});

function liveObjects(app: string): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'shop',
        uid: 'u-cm',
        annotations: tracked(app, 'ConfigMap', 'settings'),
      },
      data: { mode: 'drifted-by-hand' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop', uid: 'u-secret', annotations: tracked(app, 'Secret', 'db') },
      type: 'Opaque',
      data: { password: secretValue },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop',
        uid: 'u-deploy',
        generation: 1,
        annotations: tracked(app, 'Deployment', 'api', 'apps'),
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'api:1' }] },
        },
      },
      status: {
        observedGeneration: 1,
        replicas: 1,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'api has timed out progressing',
          },
        ],
      },
    },
  ];
}

const files = {
  'app/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: from-git}\n',
  'app/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ntype: Opaque\ndata: {password: ${gitSecretValue}}\n`,
  'app/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api, image: "api:1"}]}\n',
};

beforeAll(async () => {
  const { remote } = await remoteWith(dir, 'shop.git', files);
  const source = { repoURL: remote.bare, path: 'app', targetRevision: 'main' };
  await writeApplication(workspace, 'shop', { source, destination: { name: 'dev', namespace: 'shop' } });
  await writeApplication(workspace, 'vault', {
    source,
    destination: { name: 'air-gapped', namespace: 'shop' },
  });
  const objects = [...liveObjects('shop'), ...liveObjects('vault')].filter(
    // one copy of each object: the second app's tracking wins for the file, the first one's drift shows
    (_, i) => i < 3,
  );
  await writeFile(
    snapshotFile,
    await encodeSnapshot({
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      cluster: { name: 'prod', server: 'https://prod.example.test:6443' },
      exportedAt: '2026-01-02T03:04:05.000Z',
      namespaces: null,
      objects: objects.map((object) => ({ observedAt: '2026-01-02T03:00:00.000Z', object: object as never })),
    }),
  );
}, 60_000);

describe('offline drift inspection from the CLI', () => {
  it(
    'plumbline apps --snapshot shows the drift and health as of the snapshot, marked not live',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['apps', '--snapshot', snapshotFile, '-o', 'json'], env);
      expect(result.stderr).toBe('');
      const { apps } = JSON.parse(result.stdout) as {
        apps: Array<{
          name: string;
          sync: { status: string };
          health: { status: string };
          liveSource?: Record<string, string>;
        }>;
      };
      const shop = apps.find((app) => app.name === 'shop')!;
      expect(shop.sync.status).toBe('OutOfSync');
      expect(shop.health.status).toBe('Degraded');
      expect(shop.liveSource).toEqual({
        kind: 'snapshot',
        asOf: '2026-01-02T03:04:05.000Z',
        reason: 'imported snapshot prod.snapshot.gz',
      });
    },
  );

  it(
    'plumbline diff --snapshot shows the drifted field and not the Secret, which a snapshot cannot judge',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['diff', '--app', 'shop', '--snapshot', snapshotFile], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('drifted-by-hand');
      expect(result.stdout).toContain('from-git');
      expect(result.stdout).not.toMatch(/Secret.*db/);
      expect(result.stdout).not.toContain(secretValue);
      expect(result.stderr).toContain('not live: as of 2026-01-02T03:04:05.000Z');
    },
  );

  it(
    'an imported snapshot is an offline-only cluster applications can deploy to; syncs are refused; removal ends it',
    { timeout: 450_000 },
    async () => {
      const imported = await runCli(['snapshot', 'import', snapshotFile, '--cluster', 'air-gapped'], env);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('imported prod.snapshot.gz for cluster air-gapped: 3 objects');
      const listed = await runCli(['snapshot', 'list'], env);
      expect(listed.stdout).toMatch(/air-gapped\s+imported\s+2026-01-02T03:04:05.000Z\s+3\s+yes/);
      const app = await runCli(['app', 'vault', '-o', 'json'], env);
      const vault = JSON.parse(app.stdout) as {
        sync: { status: string };
        health: { status: string };
        liveSource: { reason: string };
      };
      expect(vault.sync.status).toBe('OutOfSync');
      expect(vault.liveSource.reason).toMatch(/imported snapshot/);
      const sync = await runCli(['sync', 'vault'], env);
      expect(sync.code).not.toBe(0);
      expect(sync.stderr).toMatch(/cannot sync: cluster air-gapped exists only as an imported snapshot/);
      const removed = await runCli(['snapshot', 'remove', 'air-gapped'], env);
      expect(removed.stdout).toContain('removed the snapshot of air-gapped');
      expect((await runCli(['snapshot', 'list'], env)).stdout).toContain('No snapshots');
    },
  );

  it(
    'names a bad file clearly and keeps no Secret value anywhere in the data folder',
    { timeout: 120_000 },
    async () => {
      const bad = join(dir, 'bad.gz');
      await writeFile(bad, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
      const result = await runCli(['snapshot', 'import', bad, '--cluster', 'x'], env);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/truncated|damaged/);
      const plain = Buffer.from(secretValue, 'base64').toString();
      for (const file of filesUnder(env.PLUMBLINE_DATA_DIR!)) {
        const bytes = readFileSync(file);
        const text = file.endsWith('.gz') ? gunzipSync(bytes).toString() : bytes.toString();
        expect(text, file).not.toContain(secretValue);
        expect(text, file).not.toContain(plain);
      }
    },
  );
});

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isFile());
}
