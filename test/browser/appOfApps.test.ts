// App of apps in the list, in Chromium: a workspace application whose git folder holds two
// Applications (one of them a parent of a third) shows its children right under it, indented
// by depth, each marked with its parent; the ApplicationSet in its folder is shown as its own,
// generating, with no editor (it is changed in git).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { applicationYaml } from '../support/workspaceFixtures.ts';

const root = tempDir();
const workspace = join(root, 'workspace');

const child = (bare: string, name: string, path: string) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name },
    spec: {
      project: 'default',
      source: { repoURL: bare, targetRevision: 'main', path },
      destination: { name: 'dev', namespace: name },
    },
  });

beforeAll(async () => {
  const config = await makeRemote(root, 'config.git');
  await config.commit(
    {
      'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      'children/a.yaml': child(config.bare, 'aa-child', 'plain'),
      'children/b.yaml': child(config.bare, 'zz-mid', 'grandchildren'),
      'grandchildren/leaf.yaml': child(config.bare, 'leaf', 'plain'),
      'children/set.yaml': stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'envs' },
        spec: {
          generators: [{ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } }],
          template: {
            metadata: { name: 'envs-{{env}}' },
            spec: {
              project: 'default',
              source: { repoURL: config.bare, targetRevision: 'main', path: 'plain' },
              destination: { name: 'dev', namespace: '{{env}}' },
            },
          },
        },
      }),
    },
    'app of apps',
  );
  await config.push('main');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    join(workspace, 'root.yaml'),
    applicationYaml('platform', {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'children' },
      destination: { name: 'dev', namespace: 'argocd' },
    }),
  );
  writeFileSync(
    join(workspace, 'alone.yaml'),
    applicationYaml('alone', {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'plain' },
      destination: { name: 'dev', namespace: 'alone' },
    }),
  );
}, 60_000);
const session = useDemoHost({ viewport: { width: 1400, height: 700 } }, { PLUMBLINE_WORKSPACE: workspace });

describe('app of apps in the application list', () => {
  it('shows each child right under its parent, indented by depth', { timeout: 90_000 }, async () => {
    const { page, host } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.appUrl);
    const names = page.locator('table[aria-label="Applications"] tbody tr:not(.spacer) strong');
    await expect
      .poll(() => names.allTextContents(), { timeout: 60_000 })
      .toEqual(['alone', 'envs-dev', 'envs-prod', 'platform', 'aa-child', 'zz-mid', 'leaf']);
    expect(await page.getByLabel('child of zz-mid').count()).toBe(1);
    expect(await page.getByLabel('child of platform').count()).toBe(2);
    const indent = (name: string) =>
      page
        .locator('tbody tr', { has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) })
        .locator('td')
        .first()
        .getAttribute('style')
        .then((style) => parseFloat(/padding-left:\s*([\d.]+)rem/.exec(style ?? '')?.[1] ?? '0'));
    const [top, one, two] = [await indent('platform'), await indent('aa-child'), await indent('leaf')];
    expect(one).toBeGreaterThan(top);
    expect(two).toBeGreaterThan(one);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(screenshotDir, `app-of-apps-list-${colorScheme}.png`) });
    }
    expect(errors).toEqual([]);
  });

  it("shows the parent's ApplicationSet as the parent's, without an editor", async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'ApplicationSets', exact: true }).click();
    const envs = page.getByRole('region', { name: 'envs' });
    await expect
      .poll(() => envs.textContent(), { timeout: 20_000 })
      .toContain('in the manifests of platform');
    await expect.poll(() => envs.locator('dl').textContent(), { timeout: 20_000 }).toMatch(/Applications2/);
    expect(await envs.getByRole('button', { name: 'Edit and preview' }).count()).toBe(0);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(screenshotDir, 'app-of-apps-set.png') });
  });
});
