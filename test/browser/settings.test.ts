// The Settings view in Chromium against the headless host: the engine's settings shown with
// their defaults, an edit saved to config.json and applied, a wrong value refused with the
// reason, and a hand edit of the file showing without a reload. Screenshots in light and dark.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const session = useDemoHost({ viewport: { width: 1280, height: 1000 } });
const configFile = () => join(session.dataDir, 'config.json');
const onDisk = () => JSON.parse(readFileSync(configFile(), 'utf8')) as Record<string, unknown>;

describe('the Settings view', () => {
  it('shows the settings with their defaults', async () => {
    const { page, host } = session;
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await expect.poll(() => form.getByLabel('Compare every (seconds)').inputValue()).toBe('180');
    expect(await form.getByLabel('Plus up to (seconds)').inputValue()).toBe('60');
    expect(await form.getByLabel('Lease namespace').getAttribute('placeholder')).toBe('kube-system');
    expect(await form.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'settings-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshotDir, 'settings-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('saves an edit to the settings file and applies it', async () => {
    const form = session.page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Compare every (seconds)').fill('300');
    await form.getByLabel('Lease namespace').fill('plumbline-ops');
    await form.getByLabel('Revert commit author').fill('Release Bot');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => form.getByText('Saved and applied').count()).toBe(1);
    expect(onDisk()).toMatchObject({
      reconciliation: { periodSeconds: 300, jitterSeconds: 60 },
      operationLeaseNamespace: 'plumbline-ops',
      gitAuthor: { name: 'Release Bot' },
    });
  });

  it('refuses what cannot work, saying why', async () => {
    const form = session.page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Compare every (seconds)').fill('soon');
    expect(await form.getByText('the reconciliation period is a whole number of seconds').count()).toBe(1);
    expect(await form.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await form.getByLabel('Compare every (seconds)').fill('300');
    await form.getByLabel('SCM APIs sets may call').fill('https://gitea.example.test\nfile:///etc/passwd');
    expect(await form.getByText('file:///etc/passwd is not an http or https URL').count()).toBe(1);
    await form.getByLabel('SCM APIs sets may call').fill('');
    await form.getByLabel('Customizations folder').fill('/nowhere/health');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('health customizations: nothing at /nowhere/health');
    await session.page.screenshot({ path: join(screenshotDir, 'settings-refused.png'), fullPage: true });
    await form.getByRole('button', { name: 'Discard changes' }).click();
    expect(await form.getByLabel('Customizations folder').inputValue()).toBe('');
  });

  it('shows a hand edit of the file without a reload', async () => {
    mkdirSync(session.dataDir, { recursive: true });
    writeFileSync(configFile(), JSON.stringify({ ...onDisk(), operationLeaseNamespace: 'edited-by-hand' }));
    const form = session.page.getByRole('form', { name: 'Settings' });
    await expect
      .poll(() => form.getByLabel('Lease namespace').inputValue(), { timeout: 5_000 })
      .toBe('edited-by-hand');
  });
});
