// The demo as a first-time user with no cluster at all meets it: a fresh data folder, no
// kubeconfig anywhere, `plumbline serve`, Chromium. Opening the demo shows its applications
// against the bundled demo snapshot within seconds — two drifted with a real diff, one
// degraded with crashing pods in its tree — marked as a demo snapshot everywhere, with sync
// and rollback held back and saying why.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.ts';
import { startServe, type ServingHost } from '../support/cli.ts';
import { tempDir } from '../support/tempDir.ts';

const root = tempDir();
let host: ServingHost;
let browser: Browser;

beforeAll(async () => {
  // no kubeconfig: KUBECONFIG names a file that does not exist, and HOME has no ~/.kube
  host = await startServe({
    KUBECONFIG: join(root, 'no-kubeconfig'),
    HOME: root,
    PLUMBLINE_DATA_DIR: join(root, 'data'),
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const rowsOf = (page: Page) => page.getByRole('table', { name: 'Applications' }).locator('tbody tr');
const rowOf = (page: Page, name: string) =>
  rowsOf(page).filter({ has: page.getByText(name, { exact: true }) });

async function openApp(page: Page, name: string): Promise<void> {
  await rowOf(page, name).click();
  await page.getByRole('heading', { name }).waitFor();
}

async function backToList(page: Page): Promise<void> {
  await page.getByRole('button', { name: '← Applications' }).click();
}

describe('the demo with no cluster at all', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows drift, health and trees from the demo snapshot, marked as such (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme, viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(host.appUrl);
      const openDemo = page.getByRole('button', { name: 'Open the demo workspace' });
      // the first run opens the demo; the second finds it open
      if (colorScheme === 'light') await openDemo.click();
      const opened = Date.now();

      // the list: every application compared with the snapshot, none Unknown, each marked
      await expect.poll(() => rowsOf(page).count(), { timeout: 30_000 }).toBe(3);
      await expect
        .poll(() => rowOf(page, 'guestbook').textContent(), { timeout: 30_000 })
        .toMatch(/(?=.*Healthy)(?=.*OutOfSync)(?=.*demo snapshot)/);
      await expect
        .poll(() => rowOf(page, 'helm-guestbook').textContent(), { timeout: 30_000 })
        .toMatch(/(?=.*Healthy)(?=.*OutOfSync)/);
      await expect
        .poll(() => rowOf(page, 'kustomize-guestbook').textContent(), { timeout: 30_000 })
        .toMatch(/(?=.*Degraded)(?=.*Synced)(?=.*demo snapshot)/);
      if (colorScheme === 'light')
        console.log(`demo statuses shown ${Date.now() - opened} ms after opening it`);
      const mark = rowOf(page, 'guestbook').locator('.live-source');
      expect(await mark.getAttribute('title')).toMatch(/demo snapshot bundled with Plumbline/);
      await page.screenshot({ path: join(screenshotDir, `offline-demo-list-${colorScheme}.png`) });

      // a drifted application: the banner, Sync held back with its reason, the diff of replicas
      await openApp(page, 'guestbook');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Demo snapshot');
      const sync = page.getByRole('button', { name: 'Sync', exact: true });
      expect(await sync.isDisabled()).toBe(true);
      expect(await sync.getAttribute('title')).toMatch(/demo cluster exists only as a snapshot/);
      await page.getByRole('tab', { name: 'Diff' }).click();
      const diff = page.locator('.live-diff');
      await expect.poll(() => diff.textContent(), { timeout: 30_000 }).toContain('1 of 2 resources differ');
      const text = (await diff.textContent()) ?? '';
      expect(text).toContain('replicas: 1');
      expect(text).toContain('replicas: 3');
      expect(await diff.locator('.live-source').textContent()).toBe('demo snapshot');
      await page.screenshot({ path: join(screenshotDir, `offline-demo-diff-${colorScheme}.png`) });
      await page.getByRole('tab', { name: 'History' }).click();
      const rollback = page
        .getByRole('table', { name: /^Commits of/ })
        .getByRole('button', { name: 'Rollback…' });
      await rollback.first().waitFor({ timeout: 30_000 });
      expect(await rollback.first().isDisabled()).toBe(true);
      await backToList(page);

      // the other drift: an image changed by hand
      await openApp(page, 'helm-guestbook');
      await page.getByRole('tab', { name: 'Diff' }).click();
      await expect.poll(() => diff.textContent(), { timeout: 30_000 }).toContain('nginx:1.25-alpine');
      expect(await diff.textContent()).toContain('nginx:1.27-alpine');
      await backToList(page);

      // the degraded application: crashing pods in its tree, which is marked too
      await openApp(page, 'kustomize-guestbook');
      await page.getByRole('tab', { name: 'Tree' }).click();
      const tree = page.locator('.live-tree');
      await expect
        .poll(() => tree.getByRole('img', { name: 'Degraded' }).count(), { timeout: 30_000 })
        .toBeGreaterThan(1);
      expect(await tree.textContent()).toContain('demo-guestbook-ui');
      expect(await tree.locator('.live-source').textContent()).toBe('demo snapshot');
      await page.screenshot({ path: join(screenshotDir, `offline-demo-tree-${colorScheme}.png`) });
      await backToList(page);

      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
