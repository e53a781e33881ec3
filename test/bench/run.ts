// `npm run bench`: the engine's hot paths, measured on this machine, printed as medians and
// ratios. Needs no cluster: renders use the bundled or installed helm, trees and diffs use
// generated objects shaped like what the API server returns.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectIndex, resourceTree } from '../../engine/cluster/index.ts';
import { compareObject, stopJq, type KubeObject } from '../../engine/diff/index.ts';
import { renderSource } from '../../engine/render/index.ts';
import { appendHistory } from '../../engine/controller/appOperations.ts';
import { AppStateStore } from '../../engine/store/appStateStore.ts';
import { FIXTURES } from '../fixtures/render/workspace.ts';
import { deploymentChain, serviceWithEndpoints } from '../unit/cluster/treeFixtures.ts';
import { measure, report } from './measure.ts';
import { benchHealthChecks } from './health.ts';

const cacheDir = await mkdtemp(join(tmpdir(), 'plumbline-bench-'));
const chart = { repoURL: 'bench', path: 'charts/api', helm: { valueFiles: ['values-prod.yaml'] } };
const context = { appName: 'bench', destinationNamespace: 'bench' };
const repo = join(FIXTURES, 'repo');

const cold = await measure('helm render, cache bypassed (hard refresh)', 7, () =>
  renderSource(chart, repo, context, {
    cacheDir,
    commitSha: 'bench-sha',
    hardRefresh: true,
    pathEnv: process.env.PATH,
  }),
);
const warm = await measure('helm render, served from the render cache', 7, () =>
  renderSource(chart, repo, context, { cacheDir, commitSha: 'bench-sha', pathEnv: process.env.PATH }),
);
report(cold);
report(warm);
console.log(
  `${'render cache speed-up (cold / cached median)'.padEnd(58)} ${(cold.medianMs / warm.medianMs).toFixed(1)}x`,
);

const index = new ObjectIndex();
for (let i = 0; i < 100; i++) {
  for (const obj of deploymentChain(i % 2 ? 'bench' : 'other', `web-${i}`, 48)) index.upsert(obj);
  for (const obj of serviceWithEndpoints('bench', `svc-${i}`)) index.upsert(obj);
}
report(
  await measure(`resource tree of one app among ${index.size} live objects`, 9, () =>
    resourceTree(index, 'bench'),
  ),
);

const desired = (i: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: `web-${i}`,
    namespace: 'bench',
    annotations: { 'plumbline.dev/tracking-id': `bench:apps/Deployment:bench/web-${i}` },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: `web-${i}` } },
    template: {
      metadata: { labels: { app: `web-${i}` } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  },
});
const live = (i: number): KubeObject => {
  const obj = structuredClone(desired(i)) as KubeObject & {
    spec: Record<string, unknown>;
    metadata: Record<string, unknown>;
  };
  Object.assign(obj.metadata, {
    uid: `uid-${i}`,
    resourceVersion: '42',
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
  });
  Object.assign(obj.spec, {
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  });
  obj.status = { replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 };
  return obj;
};
const pairs = Array.from({ length: 200 }, (_, i) => [desired(i), live(i)] as const);
report(
  await measure('client-side diff of 200 Deployments (whole app)', 7, () =>
    Promise.all(pairs.map(([d, l]) => compareObject(d, l, { appName: 'bench' }))),
  ),
);

// What durability costs an operation: its state is written (flushed, renamed) when it starts and
// when it ends, with a history of revisionHistoryLimit entries.
const store = new AppStateStore(cacheDir, '/bench/workspace');
let id = 0;
report(
  await measure('operation state write, fsync + rename (10 in history)', 15, () =>
    store.update('bench', (record) => {
      appendHistory(record.history, 10, {
        id: ++id,
        revisions: ['0'.repeat(40)],
        source: { repoURL: 'file:///bench.git', path: 'app', targetRevision: 'HEAD' },
        startedAt: new Date().toISOString(),
        deployedAt: new Date().toISOString(),
        initiatedBy: { username: 'bench', automated: false },
        result: 'Succeeded',
        message: 'successfully synced (all tasks run)',
      });
    }),
  ),
);

await benchHealthChecks();

await stopJq();
await rm(cacheDir, { recursive: true, force: true });
