// An application rendered by a config management plugin the user configured (the env-report
// shell plugin of test/fixtures/plugins), in a running engine against the real test cluster: it
// renders, syncs and becomes Synced and Healthy, and the ConfigMap the plugin wrote from its
// environment, read back from the cluster, holds Argo CD's build variables (the commit, the
// cluster's version and API versions), the application's env as ARGOCD_ENV_* and its parameters
// as PARAM_* and ARGOCD_APP_PARAMETERS — and none of the engine's own variables.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import type { KubeObject } from '../../../engine/render/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { ENV_REPORT_PLUGIN, reportedEnvironment } from '../../fixtures/plugins/pluginFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('cmp');
const workspace = join(root, 'workspace');
let engine: Engine;
let client: PlumblineClient;
let commit: string;
let repoURL: string;

beforeAll(async () => {
  const remote = await remoteWith(
    root,
    'cmp.git',
    { 'report/app.env-report': '' },
    'a folder for env-report',
  );
  commit = remote.commit;
  repoURL = remote.remote.bare;
  await writeApplication(workspace, 'cmp-report', {
    source: {
      repoURL,
      targetRevision: 'main',
      path: 'report',
      plugin: {
        name: 'env-report-v1.0',
        env: [{ name: 'GREETING', value: 'hello from $ARGOCD_APP_NAME' }],
        parameters: [
          { name: 'replica-count', string: '3' },
          { name: 'value-files', array: ['values.yaml', 'values-prod.yaml'] },
          { name: 'image', map: { tag: 'v1.2.3' } },
        ],
      },
    },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: {} },
  });
  // the user's settings: the one plugin Plumbline may run
  mkdirSync(join(root, 'data'), { recursive: true });
  writeFileSync(
    join(root, 'data', 'config.json'),
    JSON.stringify({ configManagementPlugins: [ENV_REPORT_PLUGIN] }),
  );
  process.env.PLUMBLINE_CMP_E2E_CANARY = 'must-not-reach-a-plugin';
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);
afterAll(async () => {
  delete process.env.PLUMBLINE_CMP_E2E_CANARY;
  await engine?.close();
});

describe('an application rendered by a configured config management plugin', () => {
  it('syncs to Synced and Healthy, with the environment Argo CD gives plugins in what it deployed', async () => {
    await until(
      'the plugin application synced and healthy',
      async () => {
        const { app } = await client.call('apps.get', { name: 'cmp-report' });
        return app.sync.status === 'Synced' && app.health.status === 'Healthy';
      },
      90_000,
    );
    const manifests = await client.call('apps.manifests', { name: 'cmp-report' });
    expect(manifests.sourceTypes).toEqual(['Plugin']);

    const { core } = clientsOf(connect('plumbline-a'));
    const live = await core.readNamespacedConfigMap({ name: 'cmp-report-env', namespace });
    const { values, names } = reportedEnvironment([live as unknown as KubeObject]);
    expect(values).toMatchObject({
      ARGOCD_APP_NAME: 'cmp-report',
      ARGOCD_APP_NAMESPACE: namespace,
      ARGOCD_APP_PROJECT_NAME: 'default',
      ARGOCD_APP_REVISION: commit,
      ARGOCD_APP_REVISION_SHORT: commit.slice(0, 7),
      ARGOCD_APP_REVISION_SHORT_8: commit.slice(0, 8),
      ARGOCD_APP_SOURCE_PATH: 'report',
      ARGOCD_APP_SOURCE_REPO_URL: repoURL,
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
      ARGOCD_ENV_GREETING: 'hello from cmp-report',
      PARAM_REPLICA_COUNT: '3',
      PARAM_VALUE_FILES_0: 'values.yaml',
      PARAM_VALUE_FILES_1: 'values-prod.yaml',
      PARAM_IMAGE_TAG: 'v1.2.3',
      ARGOCD_APP_PARAMETERS:
        '[{"name":"replica-count","string":"3"},{"array":["values.yaml","values-prod.yaml"],"name":"value-files"},{"map":{"tag":"v1.2.3"},"name":"image"}]',
    });
    // the test cluster's own version and API versions
    expect(values.KUBE_VERSION).toMatch(/^1\.\d+\.\d+$/);
    expect(values.KUBE_API_VERSIONS?.split(',')).toEqual(expect.arrayContaining(['v1', 'apps/v1']));
    expect(names).not.toContain('PLUMBLINE_CMP_E2E_CANARY');
    expect(names).not.toContain('KUBECONFIG');
  });
});
