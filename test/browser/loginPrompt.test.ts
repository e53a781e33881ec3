// A device-code login in Chromium: the workspace's application deploys to a kubeconfig context
// whose user logs in through an exec plugin; when Plumbline connects, the plugin's prompt (URL
// and code) shows over the views until the user dismisses it.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { launchChromium, screenshotDir } from '../support/browser.ts';
import { startServe, type ServingHost } from '../support/cli.ts';
import { tempDir } from '../support/tempDir.ts';
import { oneConfigMapWorkspace } from '../support/workspaceFixtures.ts';

const dir = tempDir();
let host: ServingHost;
let browser: Browser;

beforeAll(async () => {
  const plugin = join(dir, 'sso-login');
  writeFileSync(
    plugin,
    '#!/bin/sh\necho "To sign in, open https://login.example.test/device and enter WDJB-MJHT" >&2\nsleep 30\n',
  );
  chmodSync(plugin, 0o755);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'corp', cluster: { server: 'https://127.0.0.1:9' } }],
      users: [
        { name: 'sso', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } } },
      ],
      contexts: [{ name: 'corp', context: { cluster: 'corp', user: 'sso' } }],
      'current-context': 'corp',
    }),
  );
  const workspace = await oneConfigMapWorkspace(dir, 'corp-app', { name: 'corp' });
  host = await startServe({
    KUBECONFIG: kubeconfig,
    PLUMBLINE_DATA_DIR: join(dir, 'data'),
    PLUMBLINE_WORKSPACE: workspace,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a login plugin prompt', () => {
  it('shows over the views until dismissed', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
    await page.goto(host.appUrl);
    const notice = page.getByRole('status', { name: 'Login plugin output' });
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('enter WDJB-MJHT');
    expect(await notice.textContent()).toContain('The login plugin of corp says:');
    await page.screenshot({ path: join(screenshotDir, 'login-plugin-prompt.png') });
    await page.getByRole('button', { name: 'Dismiss the output of corp' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.close();
  });
});
