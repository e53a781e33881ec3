// Chromium drives the Applications view against the headless host: open the bundled demo, watch
// it render from its git repository, read the Manifests tab, and create an application with the
// form — which becomes an Argo CD YAML file in the workspace.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const session = useDemoHost({ viewport: { width: 1280, height: 760 } });

const rows = () => session.page.getByRole('table', { name: 'Applications' }).locator('tbody tr');

describe('the Applications view', () => {
  it('offers the bundled demo when the workspace is empty, and renders it from git', async () => {
    await session.page.goto(session.host.appUrl);
    await session.page.getByText('No applications yet').waitFor();
    await session.page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => session.page.locator('.badge.ok').count(), { timeout: 60_000 }).toBe(3);
    // the kubeconfig's cluster does not exist: nothing is claimed about it
    await expect
      .poll(() => session.page.locator('table').textContent(), { timeout: 30_000 })
      .not.toContain('Missing');
    expect(await rows().first().textContent()).toContain('guestbook');
    expect(await session.page.getByText('Demo workspace').count()).toBe(1);
    await session.page.screenshot({ path: join(screenshotDir, 'applications-demo.png') });
  });

  it('shows an application with its rendered manifests', async () => {
    await rows().filter({ hasText: 'helm-guestbook' }).click();
    await session.page.getByRole('heading', { name: 'helm-guestbook' }).waitFor();
    await session.page.getByRole('tab', { name: 'Manifests' }).click();
    const manifests = session.page.locator('details.manifest');
    await expect.poll(() => manifests.count(), { timeout: 20_000 }).toBe(2);
    await manifests.filter({ hasText: 'Deployment' }).locator('summary').click();
    expect(await manifests.filter({ hasText: 'Deployment' }).locator('pre').textContent()).toContain(
      'argocd.argoproj.io/tracking-id: helm-guestbook:apps/Deployment:',
    );
    await session.page.screenshot({ path: join(screenshotDir, 'application-manifests.png') });
  });

  it('creates an application with the form, as a YAML file in the workspace', async () => {
    await session.page.getByRole('button', { name: '← Applications' }).click();
    await session.page.getByRole('button', { name: 'New application' }).click();
    const form = session.page.getByRole('form', { name: 'Application' });
    await form.getByLabel('Name', { exact: true }).fill('from-the-form');
    await form.getByLabel('Repository URL or path').fill(join(session.dataDir, 'demo', 'repo'));
    await form.getByLabel('Path', { exact: true }).fill('guestbook');
    await form.getByLabel('Cluster (context name or server URL)').fill('dev');
    await form.getByLabel('Namespace', { exact: true }).fill('form-ns');
    await session.page.screenshot({ path: join(screenshotDir, 'application-form.png') });
    await form.getByRole('button', { name: 'Create' }).click();
    await session.page.getByRole('heading', { name: 'from-the-form' }).waitFor();
    const file = join(session.dataDir, 'demo', 'workspace', 'applications', 'from-the-form.yaml');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('namespace: form-ns');
    await session.page.getByRole('tab', { name: 'Manifests' }).click();
    await expect.poll(() => session.page.locator('details.manifest').count(), { timeout: 20_000 }).toBe(2);
  });

  it('shows a broken definition as a condition without hiding the others', async () => {
    await session.page.getByRole('button', { name: '← Applications' }).click();
    await session.page.getByRole('button', { name: 'New application' }).click();
    const form = session.page.getByRole('form', { name: 'Application' });
    await form.getByLabel('Name', { exact: true }).fill('bad-revision');
    await form.getByLabel('Repository URL or path').fill(join(session.dataDir, 'demo', 'repo'));
    await form.getByLabel('Revision', { exact: true }).fill('no-such-branch');
    await form.getByLabel('Cluster (context name or server URL)').fill('dev');
    await form.getByRole('button', { name: 'Create' }).click();
    await session.page.locator('.condition.error').waitFor({ timeout: 20_000 });
    expect(await session.page.locator('.condition.error').textContent()).toContain('no-such-branch');
    await session.page.getByRole('button', { name: '← Applications' }).click();
    await expect.poll(() => rows().count()).toBe(5);
    await expect.poll(() => session.page.locator('.badge.bad').count()).toBe(1);
    await session.page.screenshot({ path: join(screenshotDir, 'applications-with-error.png') });
  });
});
