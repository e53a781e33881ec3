// Sync windows as a user meets them in Chromium, with no cluster behind the destination: the
// application's banner and list mark say syncs are blocked and until when, the sync dialog
// leaves a dry run only; with manualSync the banner says manual syncs are allowed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { tempDir } from '../support/tempDir.ts';
import { applicationYaml, projectYaml } from '../support/workspaceFixtures.ts';

const workspace = join(tempDir(), 'workspace');

// every minute of this hour, for an hour each: active now, until the last of them has run out
// (`* * * * *` would never end, as in Argo CD, and the banner would have no "until")
const thisHour = new Date().getUTCHours();
const schedule = `* ${thisHour} * * *`;

function writeProject(manualSync: boolean): void {
  const window = { kind: 'deny', schedule, duration: '1h', applications: ['*'], manualSync };
  const spec = { sourceRepos: ['*'], destinations: [{ name: '*', namespace: '*' }], syncWindows: [window] };
  writeFileSync(join(workspace, 'project.yaml'), projectYaml('frozen', spec));
}

mkdirSync(workspace, { recursive: true });
writeFileSync(
  join(workspace, 'shop.yaml'),
  applicationYaml('shop', {
    project: 'frozen',
    source: { repoURL: 'https://git.example.test/shop.git', path: 'deploy' },
    destination: { name: 'dev', namespace: 'shop' },
  }),
);
writeProject(false);
const session = useDemoHost({ viewport: { width: 1280, height: 800 } }, { PLUMBLINE_WORKSPACE: workspace });
const page = () => session.page;

describe('sync windows in the application views', () => {
  it('mark the application in the list', async () => {
    await page().goto(session.host.appUrl);
    const row = page().getByRole('table', { name: 'Applications' }).locator('tbody tr', { hasText: /^shop/ });
    await expect.poll(() => row.textContent()).toContain('sync window closed');
  });

  it('say on the application that syncs are blocked, and until when', async () => {
    await page()
      .getByRole('table', { name: 'Applications' })
      .locator('tbody tr', { hasText: /^shop/ })
      .click();
    const banner = page().getByRole('status', { name: 'Sync windows' });
    await expect
      .poll(() => banner.textContent())
      .toMatch(
        /Sync window closed.*Syncs are blocked: a deny window \(\* \d+ \* \* \*, 1h\) is active until (today|tomorrow) \d\d:59\./,
      );
    await page().screenshot({ path: join(screenshotDir, 'sync-window-blocked.png') });
  });

  it('leave only a dry run in the sync dialog', async () => {
    await page().getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page().getByRole('dialog', { name: 'Sync shop' });
    expect(await dialog.getByRole('alert').textContent()).toMatch(/Only a dry run can run now\.$/);
    const synchronize = dialog.getByRole('button', { name: 'Synchronize' });
    expect(await synchronize.isDisabled()).toBe(true);
    await dialog.getByLabel('Dry run').check();
    expect(await synchronize.isDisabled()).toBe(false);
    await page().emulateMedia({ colorScheme: 'dark' });
    await page().screenshot({ path: join(screenshotDir, 'sync-window-dialog-dark.png') });
    await page().emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('say manual syncs are allowed once the window has manualSync', async () => {
    writeProject(true);
    const banner = page().getByRole('status', { name: 'Sync windows' });
    await expect.poll(() => banner.textContent(), { timeout: 5_000 }).toContain('Manual syncs are allowed.');
    await page().screenshot({ path: join(screenshotDir, 'sync-window-manual.png') });
  });
});
