// The sync dialog and the History tab in Chromium against the headless host, with no cluster
// behind the demo's destination: Refresh and Hard refresh, the options with their explanations
// (a full sync stays possible when the resources cannot be listed), the commits of the demo
// repository's branch, and a rollback previewed from the last known live state, cancelled
// without applying anything. Selective sync against a cluster: test/e2e/apps/rollbackUi.e2e.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const session = useDemoHost({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

const shoot = (name: string) =>
  session.page.screenshot({ path: join(screenshotDir, `sync-dialog-${name}.png`) });

describe('the sync dialog and the History tab', () => {
  it('opens the demo application with Refresh and Hard refresh', async () => {
    await session.page.goto(session.host.appUrl);
    await session.page.getByRole('button', { name: 'Open the demo workspace' }).click();
    const row = session.page
      .getByRole('table', { name: 'Applications' })
      .locator('tbody tr', { hasText: /^guestbook/ });
    await expect.poll(() => row.locator('.badge.ok').count(), { timeout: 60_000 }).toBe(1);
    await row.click();
    await session.page.getByRole('heading', { name: 'guestbook' }).waitFor();
    await session.page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await session.page.getByRole('button', { name: 'Hard refresh' }).click();
    await expect
      .poll(() => session.page.getByRole('button', { name: 'Hard refresh' }).isEnabled())
      .toBe(true);
    expect(await session.page.locator('.refresh-error').count()).toBe(0);
  });

  it('offers the options with an explanation each, the application’s own locked on', async () => {
    await session.page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = session.page.getByRole('dialog', { name: 'Sync guestbook' });
    for (const option of [
      'Replace=true',
      'ServerSideApply=false',
      'ApplyOutOfSyncOnly=true',
      'PruneLast=true',
    ]) {
      expect(await dialog.textContent()).toContain(option);
    }
    const prune = dialog.getByLabel('Prune', { exact: true });
    expect(await prune.getAttribute('aria-describedby')).toBeTruthy();
    // The demo sets CreateNamespace=true itself: shown on, and locked.
    const createNamespace = dialog.getByLabel(/^Create namespace/);
    // the application's definition arrives after the dialog opens
    await expect.poll(() => createNamespace.isChecked()).toBe(true);
    expect(await createNamespace.isDisabled()).toBe(true);
    expect(await dialog.textContent()).toContain('set by the application');
    await dialog.getByLabel(/^Replace/).check();
    // The resources come from the comparison with the cluster, which does not answer here; a
    // full sync needs no list.
    expect(await dialog.getByRole('list', { name: 'Resources to sync' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Synchronize' }).isEnabled()).toBe(true);
    await shoot('options');
    await session.page.emulateMedia({ colorScheme: 'dark' });
    await shoot('options-dark');
    await session.page.emulateMedia({ colorScheme: 'light' });
    await session.page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
  });

  it('lists the commits of the branch, and previews a rollback without applying it', async () => {
    await session.page.getByRole('tab', { name: 'History' }).click();
    await session.page.getByText('Not synced by Plumbline yet.').waitFor({ timeout: 20_000 });
    const commits = session.page.getByRole('table', { name: /^Commits of / });
    await expect
      .poll(() => commits.locator('tbody tr').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    await commits.locator('tbody tr').first().getByRole('button', { name: 'Rollback…' }).click();
    const dialog = session.page.getByRole('dialog', { name: /^Roll back guestbook to / });
    await dialog.waitFor();
    // The cluster does not answer: the preview compares with the last known (here: no) live state.
    const preview = dialog.getByLabel('Rollback preview');
    await expect.poll(() => preview.textContent(), { timeout: 30_000 }).toContain('resources would change');
    expect(await preview.textContent()).toContain('missing from the cluster');
    expect(await dialog.textContent()).toContain('pins the application to it');
    expect(await dialog.getByRole('button', { name: 'Revert in git' }).isEnabled()).toBe(true);
    await shoot('rollback-preview');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await session.page.getByText('Not synced by Plumbline yet.').count()).toBe(1);
    await shoot('history');
  });
});
