// The application detail in Chromium against the headless host and a real cluster: the three
// statuses, the resource tree down to the pods, a node's live manifest, and the diff of a change
// made in the cluster, updated live from the event stream.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { launchChromium, screenshotDir } from '../../support/browser.ts';
import { runCli, startServe, type ServingHost } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('detail');
const cluster = connect('plumbline-a');
let host: ServingHost;
let browser: Browser;
let page: Page;

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'shop', namespace },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'shop' } },
    template: {
      metadata: { labels: { app: 'shop' } },
      spec: { containers: [{ name: 'shop', image: 'registry.invalid/shop:2' }] },
    },
  },
};
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'shop', namespace },
  spec: { selector: { app: 'shop' }, ports: [{ port: 80 }] },
};

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'config.git',
    { 'shop/deployment.yaml': stringify(deployment), 'shop/service.yaml': stringify(service) },
    'shop',
  );
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, 'shop', {
    source: { repoURL: remote.bare, path: 'shop' },
    destination: { name: 'plumbline-a', namespace },
  });
  const objects = k8s.KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  for (const obj of [deployment, service]) {
    await objects.patch(
      setTrackingId(obj as KubeObject, 'shop') as k8s.KubernetesObject,
      undefined,
      undefined,
      'plumbline',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
  }
  host = await startServe({
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_WORKSPACE: workspace,
    PLUMBLINE_DATA_DIR: join(root, 'data'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the application detail on a real cluster', () => {
  it('lists the application Synced and Healthy', async () => {
    await page.goto(host.appUrl);
    const row = page.getByRole('table', { name: 'Applications' }).locator('tbody tr').first();
    await expect
      .poll(() => row.textContent(), { timeout: 60_000 })
      .toMatch(/Healthy.*Synced|Synced.*Healthy/);
    await page.screenshot({ path: join(screenshotDir, 'live-applications.png') });
  });

  it('draws the resource tree down to the pods, and shows a node’s live manifest', async () => {
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr').first().click();
    await page.getByRole('tab', { name: 'Tree' }).click();
    await expect
      .poll(() => page.locator('.node-card').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(7);
    await page.screenshot({ path: join(screenshotDir, 'live-tree.png') });
    await page
      .locator('.node-card', { hasText: 'shop' })
      .filter({ hasText: /deploy/i })
      .first()
      .locator('.card-body')
      .click();
    const panel = page.locator('aside.resource-panel');
    await panel.getByRole('tab', { name: 'Manifest' }).click();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('replicas: 3');
    await page.screenshot({ path: join(screenshotDir, 'live-tree-panel.png') });
  });

  it('shows a change made in the cluster in the Diff tab, live', async () => {
    await clientsOf(cluster).apps.patchNamespacedDeploymentScale(
      { name: 'shop', namespace, body: { spec: { replicas: 1 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await page.getByRole('button', { name: 'Close panel' }).click();
    await page.getByRole('tab', { name: 'Diff' }).click();
    await expect.poll(() => page.locator('section.rdiff').count(), { timeout: 15_000 }).toBe(1);
    const diff = page.locator('section.rdiff').first();
    await expect.poll(() => diff.textContent(), { timeout: 10_000 }).toContain('replicas');
    expect(await page.textContent('body')).toContain('OutOfSync');
    await page.screenshot({ path: join(screenshotDir, 'live-diff.png') });
  });

  it('shows the cluster the application deploys to as connected', async () => {
    await page.getByRole('button', { name: 'Clusters' }).click();
    const row = page
      .getByRole('table', { name: 'Kubeconfig contexts' })
      .locator('tbody tr', { hasText: 'plumbline-a-restricted' });
    expect(await row.textContent()).toContain('not in use');
    const used = page
      .getByRole('table', { name: 'Kubeconfig contexts' })
      .locator('tbody tr')
      .filter({ hasText: /^plumbline-a\b/ })
      .first();
    await expect.poll(() => used.textContent(), { timeout: 10_000 }).toContain('connected');
    await page.screenshot({ path: join(screenshotDir, 'live-clusters.png') });
  });

  it('tells the same from the CLI: plumbline diff exits 1 and prints the field', async () => {
    const result = await runCli(['diff', '--app', 'shop'], {
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: join(root, 'workspace'),
      PLUMBLINE_DATA_DIR: join(root, 'cli-data'),
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/-\s+replicas: 1\n\+\s+replicas: 3/);
    expect(result.stdout).toContain('shop: OutOfSync');
  });

  it('syncs from the detail view and shows the result per object', async () => {
    await page.getByRole('button', { name: 'Applications', exact: true }).click();
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr').first().click();
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync shop' });
    await dialog.getByRole('button', { name: 'Synchronize' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('Succeeded');
    expect(await dialog.getByRole('table', { name: 'Sync results' }).textContent()).toContain('Deployment');
    await expect
      .poll(() => page.locator('.status-panels, body').first().textContent(), { timeout: 20_000 })
      .toContain('Synced');
    await page.screenshot({ path: join(screenshotDir, 'live-sync.png') });
  });
});
