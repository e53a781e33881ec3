// The Snapshots section of the Clusters view in Chromium: import a snapshot file as a new
// offline-only cluster and see it listed, import a damaged file and read why it was refused,
// try to export from a cluster that does not answer and read why, and remove a snapshot.
// (Exporting from a cluster that answers: snapshotExport.e2e.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSnapshotPath } from '../../resources/scripts/demo-snapshot/demoSnapshot.ts';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const session = useDemoHost();

const snapshotRows = () => session.page.getByRole('table', { name: 'Snapshots' }).locator('tbody tr');

async function importFile(name: string, buffer: Buffer, target: { newCluster: string }): Promise<void> {
  const { page } = session;
  await page.getByRole('button', { name: 'Import a snapshot…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a snapshot' });
  await dialog.getByLabel('Snapshot file').setInputFiles({ name, mimeType: 'application/gzip', buffer });
  await dialog.getByLabel('Attach to').selectOption({ label: 'A new offline-only cluster…' });
  await dialog.getByLabel('Offline cluster name').fill(target.newCluster);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
}

describe('the Snapshots section', () => {
  it('starts empty', async () => {
    const { page, host } = session;
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Clusters' }).click();
    await expect.poll(() => page.getByText('No snapshots yet').count()).toBe(1);
  });

  it('imports a snapshot file as a new offline-only cluster and lists it', async () => {
    const { page } = session;
    await importFile('demo.json', readFileSync(demoSnapshotPath()), { newCluster: 'air-gapped' });
    const dialog = page.getByRole('dialog', { name: 'Import a snapshot' });
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Imported 16 objects for air-gapped.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => snapshotRows().count()).toBe(1);
    const row = (await snapshotRows().first().textContent()) ?? '';
    expect(row).toMatch(/^air-gapped offline only\s*imported/);
    expect(row).toContain('16');
  });

  it('refuses a damaged file and says what is wrong with it', async () => {
    const { page } = session;
    const whole = readFileSync(demoSnapshotPath());
    const { gzipSync } = await import('node:zlib');
    const truncated = gzipSync(whole).subarray(0, 200);
    await importFile('broken.gz', truncated, { newCluster: 'broken' });
    const dialog = page.getByRole('dialog', { name: 'Import a snapshot' });
    await expect.poll(() => dialog.locator('.error').textContent(), { timeout: 20_000 }).toMatch(/truncated/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await snapshotRows().count()).toBe(1);
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`looks right (${colorScheme})`, async () => {
      const { page } = session;
      await page.emulateMedia({ colorScheme });
      await page.getByRole('heading', { name: 'Snapshots' }).scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(screenshotDir, `snapshots-section-${colorScheme}.png`),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Import a snapshot…' }).click();
      await page.screenshot({ path: join(screenshotDir, `snapshots-import-${colorScheme}.png`) });
      await page.getByRole('button', { name: 'Cancel' }).click();
    });

  it('says why a cluster that does not answer cannot be exported', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Export a snapshot…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a snapshot' });
    await dialog.getByLabel('Cluster').selectOption({ label: 'dev (kubeconfig context)' });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => dialog.locator('.error').textContent(), { timeout: 45_000 }).toMatch(/dev/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('marks applications of an unreachable cluster with a snapshot "as of <time>", with the reason', async () => {
    const { page } = session;
    // the demo deploys to the kubeconfig's current context, dev, which never answers
    await page.getByRole('button', { name: 'Import a snapshot…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a snapshot' });
    await dialog.getByLabel('Snapshot file').setInputFiles(demoSnapshotPath());
    await dialog.getByLabel('Attach to').selectOption({ label: 'dev' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('for dev');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Applications', exact: true }).click();
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    const row = page
      .getByRole('table', { name: 'Applications' })
      .locator('tbody tr')
      .filter({ hasText: 'guestbook' });
    const mark = row.first().locator('.live-source');
    await expect
      .poll(() => mark.textContent(), { timeout: 60_000 })
      .toMatch(/^as of .+ — cluster (unreachable|not answering yet)$/);
    const degraded = row.filter({ hasText: 'kustomize-guestbook' }).locator('.live-source');
    await expect.poll(() => degraded.count(), { timeout: 60_000 }).toBe(1);
    expect(await row.first().textContent()).toContain('OutOfSync');
    expect(await mark.getAttribute('title')).toMatch(/last known live state/);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(screenshotDir, `offline-snapshot-list-${colorScheme}.png`) });
    }
    await row.first().click();
    const sync = page.getByRole('button', { name: 'Sync', exact: true });
    await expect.poll(() => sync.getAttribute('title')).toMatch(/The cluster is not live/);
    expect(await sync.isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, `offline-snapshot-app-dark.png`) });
    await page.getByRole('button', { name: '← Applications' }).click();
    await page.getByRole('button', { name: 'Clusters' }).click();
    await expect.poll(() => snapshotRows().count()).toBe(2);
    // the section's remaining test removes one snapshot: dev's goes first
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('removes a snapshot once confirmed', async () => {
    const { page } = session;
    page.once('dialog', (confirm) => void confirm.accept());
    const airGapped = snapshotRows().filter({ hasText: 'air-gapped' });
    await airGapped.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => snapshotRows().count()).toBe(1);
    expect(await snapshotRows().first().textContent()).toMatch(/^dev/);
  });
});
