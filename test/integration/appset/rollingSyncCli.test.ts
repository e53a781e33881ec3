// `plumbline appset NAME` on a RollingSync set: the CLI shows what the running host left — the
// step rolling out and each application's rollout status by step (the dev application Pending,
// the prod one Waiting for it), kept in the data folder with the set's applications.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { until } from '../../e2e/live/liveTestKit.ts';
import { runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { cliWorkspaceEnv } from '../../support/workspaceFixtures.ts';

const dir = tempDir();
const { workspace, env } = cliWorkspaceEnv(dir);

const waves = stringify({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'waves' },
  spec: {
    generators: [{ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } }],
    strategy: {
      type: 'RollingSync',
      rollingSync: {
        steps: ['dev', 'prod'].map((env) => ({
          matchExpressions: [{ key: 'env', operator: 'In', values: [env] }],
        })),
      },
    },
    template: {
      metadata: { name: 'waves-{{env}}', labels: { env: '{{env}}' } },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example.test/shop.git', path: '{{env}}' },
        destination: { name: 'dev', namespace: '{{env}}' },
      },
    },
  },
});

describe('plumbline appset NAME on a RollingSync set', () => {
  it('shows the rollout the running host recorded', { timeout: 180_000 }, async () => {
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, 'waves.yaml'), waves);
    const { engine, client } = testEngine(dir, workspace, { kubeconfig: env.KUBECONFIG });
    try {
      await until('the rollout recorded', async () => {
        const rollout = (await client.call('appsets.get', { name: 'waves' })).set.rollout;
        return rollout?.applications.some((s) => s.status === 'Pending');
      });
    } finally {
      await engine.close();
    }
    const result = await runCli(['appset', 'waves'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Strategy: RollingSync, 2 step(s): ApplicationSet is performing rollout of step 1',
    );
    expect(result.stdout).toMatch(/^1 +waves-dev +Pending +\S+ +Application moved to Pending status/m);
    expect(result.stdout).toMatch(/^2 +waves-prod +Waiting +\S+ +No Application status found/m);
  });
});
