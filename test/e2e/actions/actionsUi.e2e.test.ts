// Resource actions and the application's events in Chromium against the headless host and a real
// cluster: pause and resume a Deployment from its panel in the tree, then find both in the
// application's Events tab beside the cluster's own Events; light and dark.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { launchChromium, screenshotDir } from '../../support/browser.ts';
import { startServe, type ServingHost } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('actions-ui');
const cluster = connect('plumbline-a');
const { apps } = clientsOf(cluster);
let host: ServingHost;
let browser: Browser;
let page: Page;

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
};

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'config.git',
    { 'web/deployment.yaml': stringify(deployment) },
    'web',
  );
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, 'web', {
    source: { repoURL: remote.bare, path: 'web' },
    destination: { name: 'plumbline-a', namespace },
  });
  const objects = k8s.KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  await objects.patch(
    setTrackingId(deployment as KubeObject, 'web') as k8s.KubernetesObject,
    undefined,
    undefined,
    'plumbline',
    true,
    k8s.PatchStrategy.ServerSideApply,
  );
  host = await startServe({
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_WORKSPACE: workspace,
    PLUMBLINE_DATA_DIR: join(root, 'data'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const paused = async () => (await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.paused;

describe('resource actions from the tree', () => {
  it('pauses and resumes the Deployment from its panel', async () => {
    await page.goto(host.appUrl);
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr').first().click();
    await page.getByRole('tab', { name: 'Tree' }).click();
    const card = page
      .locator('.node-card', { hasText: 'web' })
      .filter({ hasText: /deploy/i })
      .first();
    await card.locator('.card-body').click({ timeout: 60_000 });
    await page.locator('aside.resource-panel').getByRole('button', { name: 'Actions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Actions on Deployment web' });
    await expect.poll(() => dialog.getByRole('listitem').count(), { timeout: 20_000 }).toBe(3);
    expect(await dialog.getByRole('button', { name: 'Run resume' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'actions-dialog.png') });
    await dialog.getByRole('button', { name: 'Run pause' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('pause: Deployment web patched');
    expect(await paused()).toBe(true);
    // the list loads again: pause is disabled now, resume enabled
    await expect.poll(() => dialog.getByRole('button', { name: 'Run resume' }).isDisabled()).toBe(false);
    await page.screenshot({ path: join(screenshotDir, 'actions-dialog-ran.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshotDir, 'actions-dialog-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Run resume' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('resume: Deployment web patched');
    expect(await paused()).toBeUndefined();
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
  });

  it('edits the live YAML: a server dry run shows the change first, then Apply writes it', async () => {
    const panel = page.locator('aside.resource-panel');
    await panel.getByRole('button', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Deployment web' });
    const text = dialog.getByRole('textbox', { name: 'Live manifest' });
    await expect.poll(() => text.inputValue(), { timeout: 20_000 }).toContain('replicas: 1');
    await text.fill((await text.inputValue()).replace(/^ {2}replicas: 1$/m, '  replicas: 2'));
    await dialog.getByRole('button', { name: 'Preview (server dry run)' }).click();
    await expect
      .poll(() => dialog.textContent(), { timeout: 20_000 })
      .toContain('The server would make these changes');
    // the server's own changes show too (generation)
    expect(await dialog.locator('.diff-added', { hasText: 'replicas: 2' }).count()).toBe(1);
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'edit-preview.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshotDir, 'edit-preview-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(async () => (await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas, {
        timeout: 20_000,
      })
      .toBe(2);
  });

  it('offers the propagation and force when deleting, and deletes nothing on Cancel', async () => {
    await page.locator('aside.resource-panel').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Deployment web' });
    await dialog.getByRole('radio', { name: 'orphan' }).check();
    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await page.screenshot({ path: join(screenshotDir, 'delete-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(
      (await apps.readNamespacedDeployment({ name: 'web', namespace })).metadata?.deletionTimestamp,
    ).toBeUndefined();
  });

  it("shows both runs in the application's Events tab, light and dark", async () => {
    await page.getByRole('button', { name: 'Close panel' }).click();
    await page.getByRole('tab', { name: 'Events' }).click();
    // the edit is listed too
    const table = page.getByRole('table', { name: 'Application events' });
    await expect
      .poll(() => table.textContent(), { timeout: 20_000 })
      .toMatch(
        /ResourceUpdated.*edited spec[\s\S]*ResourceActionRan.*ran action resume[\s\S]*ResourceActionRan.*ran action pause/,
      );
    await page.screenshot({ path: join(screenshotDir, 'app-events.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshotDir, 'app-events-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
