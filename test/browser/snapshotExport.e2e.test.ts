// Export and import through the Snapshots section against a real cluster: export plumbline-a's
// kube-system namespace from the browser, get the download, find its objects and no Secret
// value in it (the cluster's own tokens included), then import that file as an offline-only
// cluster and see it listed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../engine/snapshot/codec.ts';
import { launchChromium, screenshotDir } from '../support/browser.ts';
import { startServe, type ServingHost } from '../support/cli.ts';
import { testKubeconfigPath } from '../cluster/kubeconfig.ts';
import { testClusterTokens } from '../support/clusterFixtures.ts';
import { tempDir } from '../support/tempDir.ts';

const root = tempDir();
let host: ServingHost;
let browser: Browser;
let page: Page;
let downloaded = '';

beforeAll(async () => {
  host = await startServe({ KUBECONFIG: testKubeconfigPath(), PLUMBLINE_DATA_DIR: join(root, 'data') });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 800 }, acceptDownloads: true });
  await page.goto(host.appUrl);
  await page.getByRole('button', { name: 'Clusters' }).click();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const snapshotRows = () => page.getByRole('table', { name: 'Snapshots' }).locator('tbody tr');

describe('the Snapshots section against plumbline-a', () => {
  it('exports a namespace of a reachable cluster as a downloaded snapshot file without Secret values', async () => {
    await page.getByRole('button', { name: 'Export a snapshot…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a snapshot' });
    await dialog.getByLabel('Cluster').selectOption({ label: 'plumbline-a (kubeconfig context)' });
    await dialog.getByLabel('Namespaces').fill('kube-system');
    const download = page.waitForEvent('download', { timeout: 90_000 });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^plumbline-a-.*\.plumbline-snapshot\.gz$/);
    downloaded = join(root, file.suggestedFilename());
    await file.saveAs(downloaded);
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(file.suggestedFilename());
    await page.screenshot({ path: join(screenshotDir, 'snapshots-exported.png') });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const bytes = await readFile(downloaded);
    const snapshot = await decodeSnapshot(bytes, downloaded);
    expect(snapshot.cluster.name).toBe('plumbline-a');
    expect(snapshot.namespaces).toEqual(['kube-system']);
    const namespaced = snapshot.objects.filter(({ object }) => object.metadata.namespace !== undefined);
    expect(namespaced.length).toBeGreaterThan(0);
    expect(namespaced.every(({ object }) => object.metadata.namespace === 'kube-system')).toBe(true);
    const text = (await import('node:zlib')).gunzipSync(bytes).toString('utf8');
    for (const token of testClusterTokens()) expect(text).not.toContain(token);
    for (const { object } of snapshot.objects.filter(({ object }) => object.kind === 'Secret'))
      expect(Object.values((object.data ?? {}) as Record<string, string>).every((v) => v === '')).toBe(true);
  });

  it('imports the downloaded file as an offline-only cluster and lists it', async () => {
    await page.getByRole('button', { name: 'Import a snapshot…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a snapshot' });
    await dialog.getByLabel('Snapshot file').setInputFiles(downloaded);
    await dialog.getByLabel('Attach to').selectOption({ label: 'A new offline-only cluster…' });
    await dialog.getByLabel('Offline cluster name').fill('plumbline-a-copy');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/^Imported \d+ objects for plumbline-a-copy\.$/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const copy = snapshotRows().filter({ hasText: 'plumbline-a-copy' });
    await expect.poll(() => copy.textContent()).toMatch(/offline only\s*imported/);
  });
});
