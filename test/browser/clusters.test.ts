// Chromium drives the headless host like a user: open the app, go to Clusters, see the
// contexts of the kubeconfig this test wrote, and keep a screenshot with the test output.
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.ts';
import { startServe, type ServingHost } from '../support/cli.ts';
import { writeKubeconfig } from '../support/kubeconfigFixture.ts';
import { tempDir } from '../support/tempDir.ts';

const dir = tempDir();
const kubeconfig = writeKubeconfig(
  dir,
  'config',
  [
    { name: 'staging', server: 'https://staging.example:6443', user: 'deployer', namespace: 'shop' },
    { name: 'kind-local', server: 'https://127.0.0.1:40000', user: 'kind-admin' },
  ],
  'staging',
);
let host: ServingHost;
let browser: Browser;

beforeAll(async () => {
  host = await startServe({ KUBECONFIG: kubeconfig, PLUMBLINE_DATA_DIR: dir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the app in Chromium', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`lists the kubeconfig contexts in the Clusters view (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme, viewport: { width: 1200, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(host.appUrl);
      await expect.poll(() => page.locator('.connection').textContent()).toContain('Connected');
      expect(page.url()).not.toContain('token=');
      await page.getByRole('button', { name: 'Clusters' }).click();
      const rows = page.getByRole('table', { name: 'Kubeconfig contexts' }).locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toContain('staging');
      expect(await rows.nth(0).textContent()).toContain('current');
      expect(await rows.nth(1).textContent()).toContain('https://127.0.0.1:40000');
      await page.screenshot({ path: join(screenshotDir, `clusters-${colorScheme}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('updates the list when the kubeconfig changes, without reloading', async () => {
    const page = await browser.newPage();
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Clusters' }).click();
    const rows = page.getByRole('table', { name: 'Kubeconfig contexts' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    writeKubeconfig(dir, 'config', [{ name: 'only-one', server: 'https://one.example', user: 'u' }]);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('only-one');
    await page.close();
  });

  it('shows nothing of the engine to a page opened without the token', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Clusters' }).click();
    await page.waitForTimeout(1500);
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.locator('.connection').textContent()).not.toContain('Connected');
    await page.close();
  });
});
