// The bundled demo as a new user meets it: a fresh data folder, the test cluster's kubeconfig
// (current context plumbline-a), `plumbline serve`, Chromium. Open the demo workspace, press
// Sync on each demo application and see each become Synced and Healthy on the real cluster —
// including the Namespace that CreateNamespace=true creates, which the demo project allows by
// kind (it was refused as "plumbline-a/(cluster)" before).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { launchChromium, screenshotDir } from '../support/browser.ts';
import { startServe, type ServingHost } from '../support/cli.ts';
import { testKubeconfig } from '../support/clusterFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { clientsOf, connect, until } from '../e2e/live/liveTestKit.ts';

const demoApps = [
  { name: 'guestbook', namespace: 'demo-guestbook' },
  { name: 'helm-guestbook', namespace: 'demo-helm' },
  { name: 'kustomize-guestbook', namespace: 'demo-kustomize' },
];
const root = tempDir();
const { core } = clientsOf(connect('plumbline-a'));
let host: ServingHost;
let browser: Browser;
let page: Page;

/** The demo's namespaces gone, so this run creates them (the demo's names are fixed). */
async function removeDemoNamespaces(): Promise<void> {
  for (const { namespace } of demoApps)
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  await until(
    'the demo namespaces are deleted',
    async () => {
      const { items } = await core.listNamespace();
      return !items.some((ns) => demoApps.some((app) => app.namespace === ns.metadata?.name));
    },
    120_000,
  );
}

beforeAll(async () => {
  await removeDemoNamespaces();
  const { text: _text, ...kubeconfig } = testKubeconfig();
  const kubeconfigFile = join(root, 'kubeconfig');
  writeFileSync(kubeconfigFile, stringify({ ...kubeconfig, 'current-context': 'plumbline-a' }), {
    mode: 0o600,
  });
  // no PLUMBLINE_WORKSPACE: the demo is offered as it is to a new user
  host = await startServe({ KUBECONFIG: kubeconfigFile, PLUMBLINE_DATA_DIR: join(root, 'data') });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await removeDemoNamespaces().catch(() => undefined);
}, 180_000);

const rows = () => page.getByRole('table', { name: 'Applications' }).locator('tbody tr');
const row = (name: string) => rows().filter({ has: page.getByText(name, { exact: true }) });

/** The row's health and sync status, in either order (`OutOfSync` is not `Synced`). */
const syncedAndHealthy = /^(?=.*Healthy)(?=.*Synced)/;

/** Waits for the application's row to match; a timeout names the row as it last read. */
async function rowMatches(name: string, pattern: RegExp, ms = 90_000): Promise<void> {
  let text = '';
  await until(
    `${name} matches ${pattern}`,
    async () => {
      text = (await row(name).textContent()) ?? '';
      return pattern.test(text);
    },
    ms,
  ).catch(async (error: Error) => {
    await page.screenshot({ path: join(screenshotDir, `demo-sync-${name}-list.png`) });
    throw new Error(`${error.message}; the row reads: ${text}`);
  });
}

describe('the bundled demo on a fresh data folder', () => {
  it('opens, renders its three applications and deploys nothing by itself', async () => {
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(3);
    for (const { name } of demoApps)
      await expect.poll(() => row(name).textContent(), { timeout: 60_000 }).toContain('OutOfSync');
  });

  for (const { name, namespace } of demoApps) {
    it(`syncs ${name} from its Sync button: Synced and Healthy, its namespace created`, async () => {
      await row(name).click();
      await page.getByRole('heading', { name }).waitFor();
      await page.getByRole('button', { name: 'Sync', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Sync ${name}` });
      await dialog.getByRole('button', { name: 'Synchronize' }).click();
      const status = dialog.getByRole('status');
      await expect.poll(() => status.textContent(), { timeout: 90_000 }).toMatch(/Succeeded|Failed|Error/);
      const outcome = await status.textContent();
      const results = await dialog.getByRole('table', { name: 'Sync results' }).textContent();
      expect(outcome, results ?? '').toContain('Succeeded');
      expect(results).not.toContain('refused by policy');
      await page.screenshot({ path: join(screenshotDir, `demo-sync-${name}.png`) });
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByRole('button', { name: '← Applications' }).click();
      await rowMatches(name, syncedAndHealthy);
      // created by the sync (untracked, as Argo CD leaves it) and holding the application
      const created = await core.readNamespace({ name: namespace });
      expect(created.status?.phase).toBe('Active');
      const services = await core.listNamespacedService({ namespace });
      expect(services.items.length).toBeGreaterThan(0);
    });
  }

  it('shows all three Synced and Healthy in the list', async () => {
    for (const { name } of demoApps) expect(await row(name).textContent()).toMatch(syncedAndHealthy);
    await page.screenshot({ path: join(screenshotDir, 'demo-synced.png') });
  });
});
