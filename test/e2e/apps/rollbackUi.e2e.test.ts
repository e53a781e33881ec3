// Sync, history and rollback from the UI, in Chromium against the headless host, a real cluster
// and a real git remote: the sync dialog with its live progress per wave, the History tab with
// the commits of the branch, a previewed rollback synced to an earlier commit (pinned, auto-sync
// suspended until resumed), and a rollback reverted in git. Screenshots in both themes.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { launchChromium, screenshotDir } from '../../support/browser.ts';
import { startServe, type ServingHost } from '../../support/cli.ts';
import { git, type Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('rollback-ui');
const appName = `shop-${namespace.split('-').at(-1)}`;
const cluster = connect('plumbline-a');
const { core } = clientsOf(cluster);
const coordination = cluster.kubeConfig.makeApiClient(k8s.CoordinationV1Api);
let remote: Remote;
let blue: string;
let host: ServingHost;
let browser: Browser;
let page: Page;

const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });
const settings = (colour: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace, annotations: wave(0) },
    data: { colour },
  });
const web = stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace, annotations: wave(1) },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
});

const foreignLease = {
  metadata: { name: `plumbline-op-${appName}`, namespace: 'kube-system' },
  spec: {
    holderIdentity: 'ada@other-desktop',
    leaseDurationSeconds: 300,
    renewTime: new k8s.V1MicroTime(),
  },
};

const liveColour = async () =>
  (await core.readNamespacedConfigMap({ name: 'settings', namespace }).catch(() => undefined))?.data?.colour;

async function shoot(name: string, dark = false) {
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(screenshotDir, `rollback-ui-${name}${dark ? '-dark' : ''}.png`) });
  if (dark) await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  ({ remote, commit: blue } = await remoteWith(
    root,
    'shop.git',
    { 'shop/settings.yaml': settings('blue'), 'shop/web.yaml': web },
    'Paint the shop blue',
  ));
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'shop', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: { prune: true } },
  });
  host = await startServe({
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_WORKSPACE: workspace,
    PLUMBLINE_DATA_DIR: join(root, 'data'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const appRow = () =>
  page.getByRole('table', { name: 'Applications' }).locator('tbody tr', { hasText: appName });

describe('sync, history and rollback from the UI', () => {
  it('says who holds the application’s lease when another desktop operates it', async () => {
    await page.goto(host.appUrl);
    await expect
      .poll(() => appRow().textContent(), { timeout: 60_000 })
      .toMatch(/Healthy.*Synced|Synced.*Healthy/);
    await coordination.createNamespacedLease({ namespace: 'kube-system', body: foreignLease });
    await appRow().click();
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Sync ${appName}` });
    await dialog.getByRole('button', { name: 'Synchronize' }).click();
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('ada@other-desktop');
    await shoot('lease-refused');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect
      .poll(() => page.locator('.lease-notice').textContent(), { timeout: 10_000 })
      .toContain('Held by ada@other-desktop — syncs from here are refused until it is released');
    await shoot('lease');
    await shoot('lease', true);
    await coordination.deleteNamespacedLease({ namespace: 'kube-system', name: foreignLease.metadata.name });
    // released on the other desktop: the notice goes within a few seconds
    await expect.poll(() => page.locator('.lease-notice').count(), { timeout: 15_000 }).toBe(0);
  });

  it('syncs with the dialog and shows the progress per wave and object', async () => {
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Sync ${appName}` });
    const selection = dialog.getByRole('list', { name: 'Resources to sync' });
    await expect.poll(() => selection.locator('li').count(), { timeout: 20_000 }).toBe(2);
    const synchronize = dialog.getByRole('button', { name: 'Synchronize' });
    expect(await dialog.getByRole('button', { name: 'Out of sync only (0)' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'None' }).click();
    expect(await synchronize.isDisabled()).toBe(true);
    await selection.getByRole('checkbox').first().check();
    expect(await dialog.locator('legend', { hasText: 'Resources' }).textContent()).toContain(
      '1 of 2 selected',
    );
    await dialog.getByRole('button', { name: 'All', exact: true }).click();
    await dialog.getByLabel('Prune', { exact: true }).check();
    await dialog.getByLabel(/^Apply out of sync only/).check();
    await dialog.getByLabel(/^Apply out of sync only/).uncheck();
    await shoot('sync-dialog');
    await shoot('sync-dialog', true);

    await synchronize.click();
    const status = dialog.getByRole('status');
    // The wave pause and the Deployment's rollout keep wave 1 running for a moment.
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Sync · wave 1');
    await shoot('sync-progress');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Succeeded');
    const results = await dialog.getByRole('table', { name: 'Sync results' }).textContent();
    expect(results).toContain('Sync · wave 0');
    expect(results).toMatch(/ConfigMap.*settings/);
    expect(results).toMatch(/Deployment.*web/);
    await shoot('sync-finished');
    await shoot('sync-finished', true);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await page.getByLabel('Application status').textContent()).toMatch(/Last sync\s*Succeeded/);
    // Our own sync took the lease over: nobody else is named any more.
    expect(await page.locator('.lease-notice').count()).toBe(0);
  });

  it('terminates a running sync from the dialog', async () => {
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Sync ${appName}` });
    await dialog.getByRole('button', { name: 'Synchronize' }).click();
    // The pause between wave 0 and wave 1 leaves time to stop it.
    await dialog.getByRole('button', { name: 'Terminate' }).click();
    const status = dialog.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Failed');
    await shoot('terminated');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Application status').textContent())
      .toMatch(/Last sync\s*Failed/);
  });

  it('lists the sync history and the commits of the branch', async () => {
    await remote.commit({ 'shop/settings.yaml': settings('green') }, 'Paint the shop green');
    await remote.push('main');
    await until('auto-sync of the new commit', async () => (await liveColour()) === 'green', 40_000);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('table', { name: 'Sync history' });
    await expect
      .poll(() => history.locator('tbody tr').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(4);
    expect(await history.locator('tbody tr').first().textContent()).toContain('Paint the shop green');
    expect(await history.textContent()).toContain('auto-sync');
    expect(await history.textContent()).toContain('Failed');
    const commits = page.getByRole('table', { name: 'Commits of main' });
    await expect.poll(() => commits.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    expect(await commits.locator('tbody tr').first().textContent()).toMatch(/Paint the shop green.*deployed/);
    await shoot('history');
    await shoot('history', true);
  });

  it('previews a rollback to the earlier commit, and syncs to it pinned', async () => {
    const history = page.getByRole('table', { name: 'Sync history' });
    await history
      .locator('tbody tr', { hasText: 'Paint the shop blue' })
      .last()
      .getByRole('button', { name: 'Rollback…' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Roll back ${appName} to ${blue.slice(0, 7)}` });
    const preview = dialog.getByLabel('Rollback preview');
    await expect.poll(() => preview.textContent(), { timeout: 30_000 }).toContain('colour: blue');
    expect(await preview.textContent()).toContain('colour: green');
    expect(await liveColour()).toBe('green'); // nothing applied before the choice
    await shoot('rollback-preview');
    await shoot('rollback-preview', true);

    await dialog.getByRole('button', { name: 'Sync to this commit' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('Succeeded');
    await shoot('rollback-done');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    expect(await liveColour()).toBe('blue');
    const banner = page.getByRole('status', { name: 'Pinned revision' });
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toContain(`Pinned to ${blue.slice(0, 7)}`);
    expect(await banner.textContent()).toContain('auto-sync suspended');
    await shoot('pinned');
    await shoot('pinned', true);
    // Auto-sync stays away while pinned, even though the branch moved on.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await liveColour()).toBe('blue');
    const newest = page.getByRole('table', { name: 'Sync history' }).locator('tbody tr').first();
    await expect
      .poll(() => newest.textContent(), { timeout: 10_000 })
      .toMatch(/Paint the shop blue.*current/);

    await page.getByRole('button', { name: '← Applications' }).click();
    expect(await appRow().textContent()).toContain(`pinned ${blue.slice(0, 7)}`);
    await shoot('pinned-list');
  });

  it('resumes auto-sync: the pin goes and the branch comes back', async () => {
    await appRow().click();
    await page.getByRole('button', { name: 'Resume auto-sync' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Pinned revision' }).count(), { timeout: 10_000 })
      .toBe(0);
    await until('auto-sync back to the branch', async () => (await liveColour()) === 'green', 40_000);
    await shoot('resumed');
  });

  it('reverts in git from the commits of the branch, after the preview', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const commits = page.getByRole('table', { name: 'Commits of main' });
    await commits
      .locator('tbody tr', { hasText: 'Paint the shop blue' })
      .getByRole('button', { name: 'Rollback…' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Roll back ${appName} to ${blue.slice(0, 7)}` });
    await expect
      .poll(() => dialog.getByLabel('Rollback preview').textContent(), { timeout: 30_000 })
      .toContain('colour: blue');
    await dialog.getByRole('button', { name: 'Revert in git' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('Succeeded');
    // The revert commit is named when the call answers, a moment after the last progress event.
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('Reverted in git as');
    await shoot('reverted');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await liveColour()).toBe('blue');
    // The branch itself now says blue again, in a new commit on top of green.
    expect(await git(remote.bare, 'show', 'main:shop/settings.yaml')).toContain('colour: blue');
    expect(await git(remote.bare, 'rev-list', '--count', 'main')).toBe('3');
    expect(await page.getByRole('status', { name: 'Pinned revision' }).count()).toBe(0);
  });
});
