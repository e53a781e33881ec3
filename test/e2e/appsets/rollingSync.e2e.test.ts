// A progressive sync on the test cluster: a list generator makes three applications (one env=dev,
// two env=prod), each deploying a Deployment, under strategy RollingSync — env=dev first, then
// env=prod with maxUpdate 1. The template asks for automated sync; the set switches it off and
// syncs them itself: no prod application is synced before the dev one is Healthy, and only one
// prod application is Pending or Progressing at a time. Every set event is recorded to check it.
// Removed from the workspace with deletionOrder Reverse, the set deletes its prod applications
// (and their Deployments) before the dev one, one after another.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSetSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { remoteWith } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, until } from '../live/liveTestKit.ts';

const root = tempDir();
const suffix = randomBytes(3).toString('hex');
const names = { dev: `rs-dev-${suffix}`, prodB: `rs-prod-b-${suffix}`, prodC: `rs-prod-c-${suffix}` };
const live = clientsOf(connect('plumbline-a'));
const core = live.core;
let engine: Engine;
let client: PlumblineClient;
let config: Remote;
/** Every rollout the set announced, in order: the statuses of its applications. */
const timeline: Array<Record<string, string>> = [];
/** The applications the engine announced removed, in order. */
const removed: string[] = [];
let workspace = '';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
};

function record(sets: AppSetSummary[]): void {
  const rollout = sets.find((set) => set.name === 'waves')?.rollout;
  if (!rollout) return;
  timeline.push(Object.fromEntries(rollout.applications.map((s) => [s.application, s.status])));
  if (process.env.PLUMBLINE_SHOW_TIMELINE)
    console.log(
      new Date().toISOString(),
      rollout.applications.map((s) => `${s.status}: ${s.message}`).join(' | '),
    );
}

beforeAll(async () => {
  for (const name of Object.values(names)) await core.createNamespace({ body: { metadata: { name } } });
  const { remote } = await remoteWith(root, 'config.git', { 'web/deployment.yaml': stringify(deployment) });
  config = remote;
  workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'waves.yaml'),
    stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'waves' },
      spec: {
        generators: [
          {
            list: {
              elements: [
                { name: names.dev, env: 'dev' },
                { name: names.prodB, env: 'prod' },
                { name: names.prodC, env: 'prod' },
              ],
            },
          },
        ],
        strategy: {
          type: 'RollingSync',
          deletionOrder: 'Reverse',
          rollingSync: {
            steps: [
              { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] },
              { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }], maxUpdate: 1 },
            ],
          },
        },
        template: {
          metadata: { name: '{{name}}', labels: { env: '{{env}}' } },
          spec: {
            project: 'default',
            source: { repoURL: remote.bare, targetRevision: 'main', path: 'web' },
            destination: { name: 'plumbline-a', namespace: '{{name}}' },
            syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        },
      },
    }),
  );
  ({ engine, client } = testEngine(root, workspace, { repoPollMs: 1_000 }));
  engine.subscribe((event) => {
    if (event.event === 'appsets.changed') record(event.payload.sets);
    if (event.event === 'apps.changed') removed.push(...event.payload.removed);
  });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  for (const name of Object.values(names)) await core.deleteNamespace({ name }).catch(() => undefined);
});

const moving = (status: string | undefined) => status === 'Pending' || status === 'Progressing';

/** No prod application moves before the dev one is Healthy; one prod at a time, prod-b first (name order). */
function expectStepByStep(moments: Array<Record<string, string>>): void {
  for (const moment of moments) {
    // (a prod application not compared at a new revision yet still shows its last rollout's Healthy)
    if (moment[names.dev] !== 'Healthy') {
      expect(moving(moment[names.prodB])).toBe(false);
      expect(moving(moment[names.prodC])).toBe(false);
    }
    expect(moving(moment[names.prodB]) && moving(moment[names.prodC])).toBe(false);
  }
  expect(
    moments.some(
      (m) => m[names.dev] === 'Healthy' && m[names.prodB] !== 'Healthy' && m[names.prodC] === 'Waiting',
    ),
  ).toBe(true);
  expect(moments.some((m) => m[names.prodB] === 'Healthy' && m[names.prodC] !== 'Healthy')).toBe(true);
}

const rolloutOf = async () => (await client.call('appsets.get', { name: 'waves' })).set.rollout;

describe('RollingSync on the test cluster', () => {
  it(
    'syncs env=dev first, then env=prod one at a time, each once Healthy',
    { timeout: 300_000 },
    async () => {
      const done = await until(
        'every application Healthy on the set',
        async () => {
          const rollout = await rolloutOf();
          if (rollout)
            timeline.push(Object.fromEntries(rollout.applications.map((s) => [s.application, s.status])));
          return rollout?.applications.length === 3 &&
            rollout.applications.every((s) => s.status === 'Healthy')
            ? rollout
            : undefined;
        },
        240_000,
      );
      expect(done.progressing).toEqual({ active: false, message: 'ApplicationSet Rollout has completed' });
      expect(done.invalidConfig).toBeNull();
      expect(Object.fromEntries(done.applications.map((s) => [s.application, s.step]))).toEqual({
        [names.dev]: '1',
        [names.prodB]: '2',
        [names.prodC]: '2',
      });
      // the template's automated sync is off: the set synced them
      const { apps } = await client.call('apps.list', {});
      for (const name of Object.values(names)) {
        const app = apps.find((candidate) => candidate.name === name)!;
        expect(app.autoSync).toBe(false);
        expect(app.sync.status).toBe('Synced');
        expect(app.health.status).toBe('Healthy');
      }
      if (process.env.PLUMBLINE_SHOW_TIMELINE)
        console.log([...new Set(timeline.map((m) => JSON.stringify(m)))].join('\n'));
      expectStepByStep(timeline);
    },
  );

  it(
    'a new commit puts every application back to Waiting and rolls it out again in steps',
    { timeout: 300_000 },
    async () => {
      const before = timeline.length;
      const changed = { ...deployment, metadata: { ...deployment.metadata, labels: { release: '2' } } };
      await config.commit({ 'web/deployment.yaml': stringify(changed) }, 'release 2');
      await config.push('main');
      // a commit within the first poll of a just-started engine may wait for the reconciliation
      // period: a refresh (what a user or a webhook asks) makes them see it now; from there each
      // step follows the one before at once, not at the next reconciliation
      for (const name of Object.values(names)) await client.call('apps.refresh', { name });
      await until(
        'the dev application rolled out again, then every application Healthy',
        async () => {
          const rollout = await rolloutOf();
          if (rollout)
            timeline.push(Object.fromEntries(rollout.applications.map((s) => [s.application, s.status])));
          return (
            timeline.slice(before).some((m) => m[names.dev] !== 'Healthy') &&
            rollout?.applications.every((s) => s.status === 'Healthy')
          );
        },
        60_000,
      );
      const since = timeline.slice(before);
      if (process.env.PLUMBLINE_SHOW_TIMELINE)
        console.log([...new Set(since.map((m) => JSON.stringify(m)))].join('\n'));
      expectStepByStep(since);
      const { apps } = await client.call('apps.list', {});
      for (const name of Object.values(names)) {
        const app = apps.find((candidate) => candidate.name === name)!;
        expect(app.sync.status).toBe('Synced');
        expect(app.lastSync?.phase).toBe('Succeeded');
      }
    },
  );

  it(
    'a set removed with deletionOrder Reverse deletes prod first, one application after another, dev last',
    { timeout: 120_000 },
    async () => {
      await rm(join(workspace, 'waves.yaml'));
      const mine = () => removed.filter((name) => Object.values(names).includes(name));
      await until('every application of the set removed', async () => mine().length === 3, 90_000);
      expect(mine()).toEqual([names.prodB, names.prodC, names.dev]);
      for (const namespace of Object.values(names))
        expect(
          await live.apps.readNamespacedDeployment({ name: 'web', namespace }).then(
            () => 'still there',
            () => 'gone',
          ),
        ).toBe('gone');
    },
  );
});
