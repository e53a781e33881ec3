// The registration wizard in Chromium against the headless host, whose keychain is a real
// gnome-keyring, and the real test clusters: register the restricted user's context (its
// missing rights shown), see a wrong token explained, edit and remove the cluster; screenshots
// of each step in light and dark land in test/output/screenshots.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { launchChromium, screenshotDir } from '../../support/browser.ts';
import { startServe, type ServingHost } from '../../support/cli.ts';
import { testClusterAddress, testClusterTokens } from '../../support/clusterFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import {
  inKeyring,
  keyringEnv,
  keyringUnavailableReason,
} from '../../integration/keychain/keyringSession.ts';

const unavailable = keyringUnavailableReason();
const home = tempDir();
let host: ServingHost;
let browser: Browser;

beforeAll(async () => {
  if (unavailable) return;
  host = await startServe(
    { ...keyringEnv(home), KUBECONFIG: testKubeconfigPath(), PLUMBLINE_DATA_DIR: join(home, 'data') },
    inKeyring,
  );
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function openClusters(colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 860 } });
  await page.goto(host.appUrl);
  await page.getByRole('button', { name: 'Clusters', exact: true }).click();
  await expect.poll(() => page.getByRole('table', { name: 'Kubeconfig contexts' }).count()).toBe(1);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

/** Tests the registered cluster from its row; the connection works and the rights are as said. */
async function testedFromItsRow(page: Page, rights: string): Promise<void> {
  const row = page
    .getByRole('table', { name: 'Registered clusters' })
    .getByRole('row', { name: /restricted/ });
  await row.getByRole('button', { name: 'Test' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test plumbline-a-restricted' });
  await expect.poll(() => dialog.getByLabel('Permission check').textContent()).toContain(rights);
  expect(await dialog.getByRole('list', { name: 'Connection test' }).textContent()).toMatch(/Kubernetes v1/);
}

describe.skipIf(unavailable !== null)(`the registration wizard ${unavailable ?? ''}`, () => {
  it('registers the restricted context, showing the rights it lacks', async () => {
    const page = await openClusters('light');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page
      .getByRole('row', { name: /plumbline-a-restricted/ })
      .getByRole('button', { name: 'Register' })
      .click();
    const wizard = page.getByRole('dialog', { name: 'Register a cluster' });
    await shot(page, 'wizard-1-source');
    await wizard.getByRole('button', { name: 'Test the connection' }).click();
    const checks = wizard.getByRole('list', { name: 'Connection test' });
    await expect.poll(() => checks.textContent()).toMatch(/Kubernetes v1\.\d+/);
    await shot(page, 'wizard-2-connection');
    await wizard.getByRole('button', { name: 'Check permissions' }).click();
    await wizard.getByLabel('Namespaces Plumbline may manage').fill('team-a, team-b');
    await wizard.getByRole('button', { name: 'Check permissions' }).click();
    const report = wizard.getByLabel('Permission check');
    await expect
      .poll(() => report.textContent())
      .toContain('cannot get, list, watch, create, patch, delete in namespace team-b');
    expect(await report.textContent()).not.toContain('namespace team-a');
    await shot(page, 'wizard-3-permissions');
    await wizard.getByRole('button', { name: 'Continue anyway' }).click();
    await wizard.getByLabel('Labels (key=value, one a line)').fill('env=test\nteam=a');
    await shot(page, 'wizard-4-save');
    await wizard.getByRole('button', { name: 'Save cluster' }).click();
    const registered = page.getByRole('table', { name: 'Registered clusters' });
    await expect.poll(() => registered.textContent()).toContain('plumbline-a-restricted');
    expect(await registered.textContent()).toContain('env=test');
    expect(await registered.textContent()).toContain('team-a, team-b');
    expect(await page.content()).not.toContain(testClusterTokens()[2]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains a wrong token in plain words', async () => {
    const page = await openClusters('dark');
    await page.getByRole('button', { name: 'Register a cluster' }).click();
    const wizard = page.getByRole('dialog', { name: 'Register a cluster' });
    await wizard.getByText('Server URL, CA and token').click();
    const address = testClusterAddress('plumbline-a');
    await wizard.getByLabel('API server URL').fill(address.server);
    await wizard.getByLabel('CA certificate (PEM or base64)').fill(address.caData);
    await wizard.getByLabel('Bearer token').fill('expired-or-wrong');
    await shot(page, 'wizard-token-dark');
    await wizard.getByRole('button', { name: 'Test the connection' }).click();
    const problem = wizard.getByRole('alert');
    await expect
      .poll(() => problem.textContent())
      .toBe('the token was refused (401): it may be expired or wrong');
    await shot(page, 'wizard-wrong-token-dark');
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`lists the registered cluster with its labels (${colorScheme})`, async () => {
      const page = await openClusters(colorScheme);
      const registered = page.getByRole('table', { name: 'Registered clusters' });
      await expect.poll(() => registered.textContent()).toContain('plumbline-a-restricted');
      await shot(page, `clusters-registered-${colorScheme}`);
      await page.close();
    });

  it('tests the registered cluster with the credentials in the keychain', async () => {
    const page = await openClusters('dark');
    await testedFromItsRow(page, 'cannot get, list, watch, create, patch, delete in namespace team-b');
    await shot(page, 'cluster-test-dark');
    await page.close();
  });

  it('reconnects the cluster with a pasted token, keeping its name and namespaces', async () => {
    const page = await openClusters('light');
    const registered = page.getByRole('table', { name: 'Registered clusters' });
    await registered.getByRole('button', { name: 'Reconnect' }).click();
    const wizard = page.getByRole('dialog', { name: 'Reconnect plumbline-a-restricted' });
    await wizard.getByText('Server URL, CA and token').click();
    const address = testClusterAddress('plumbline-a');
    const token = testClusterTokens()[0]!;
    await wizard.getByLabel('API server URL').fill(address.server);
    await wizard.getByLabel('CA certificate (PEM or base64)').fill(address.caData);
    await wizard.getByLabel('Bearer token').fill(token);
    await wizard.getByRole('button', { name: 'Test the connection' }).click();
    await expect
      .poll(() => wizard.getByRole('list', { name: 'Connection test' }).textContent())
      .toMatch(/Kubernetes v1/);
    await wizard.getByRole('button', { name: 'Check permissions' }).click();
    // The namespaces it manages are the ones to check.
    expect(await wizard.getByLabel('Namespaces Plumbline may manage').inputValue()).toBe('team-a, team-b');
    await wizard.getByRole('button', { name: 'Check permissions' }).click();
    await expect.poll(() => wizard.getByLabel('Permission check').textContent()).toMatch(/Plumbline can get/);
    await wizard.getByRole('button', { name: 'Name and save' }).click();
    await shot(page, 'wizard-reconnect-save');
    await wizard.getByRole('button', { name: 'Save new credentials' }).click();
    await expect.poll(() => wizard.count()).toBe(0);
    const row = registered.getByRole('row', { name: /plumbline-a-restricted/ });
    expect(await row.textContent()).toContain('team-a, team-b');
    await testedFromItsRow(
      page,
      'Plumbline can get, list, watch, create, patch and delete in team-a, team-b',
    );
    expect(await page.content()).not.toContain(token);
    await page.close();
  });

  it('edits and removes the cluster', async () => {
    const page = await openClusters('light');
    const registered = page.getByRole('table', { name: 'Registered clusters' });
    await registered.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit plumbline-a-restricted' });
    await edit.getByLabel('Name', { exact: true }).fill('team-a-only');
    await edit.getByLabel('Namespaces Plumbline may manage').fill('team-a');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => registered.textContent()).toContain('team-a-only');
    page.on('dialog', (dialog) => void dialog.accept());
    await registered.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByText('No registered clusters').count()).toBe(1);
    await page.close();
  });
});
