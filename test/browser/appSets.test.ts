// The ApplicationSets view in Chromium: each set with its generators in words, its applications
// with their statuses and parameters, a broken set's condition, and an edit of a set's YAML
// previewed (created, deleted, with each definition's diff) before anything is written, then saved.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { envsSetYaml } from '../support/appsetFixtures.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';

const workspace = tempDir();

function setYaml(
  name: string,
  apps: string[],
  destination: Record<string, string> = { name: 'dev' },
): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [{ list: { elements: apps.map((app) => ({ app })) } }],
      template: {
        metadata: { name: `${name}-{{app}}` },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.test/shop.git', path: 'apps/{{app}}' },
          destination: { ...destination, namespace: '{{app}}' },
        },
      },
    },
  });
}

beforeAll(async () => {
  writeFileSync(join(workspace, 'shop.yaml'), setYaml('shop', ['cart', 'web']));
  writeFileSync(join(workspace, 'broken.yaml'), setYaml('broken', ['x'], {}));
  const config = await makeRemote(tempDir(), 'config.git');
  await config.commit({ 'envs/dev/config.json': '{"env": "dev"}' }, 'dev');
  await config.push('main');
  writeFileSync(join(workspace, 'envs.yaml'), envsSetYaml(config.bare));
}, 60_000);
const session = useDemoHost({ viewport: { width: 1400, height: 1000 } }, { PLUMBLINE_WORKSPACE: workspace });
const card = (name: string) => session.page.getByRole('region', { name });

describe('the ApplicationSets view', () => {
  it('shows each set, its applications with statuses and parameters, and a broken set’s error', async () => {
    const { page, host } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'ApplicationSets', exact: true }).click();
    const shop = card('shop');
    await expect
      .poll(() => shop.locator('dl').textContent(), { timeout: 20_000 })
      .toContain('list of 2 elements');
    await expect.poll(() => shop.locator('dl').textContent(), { timeout: 20_000 }).toMatch(/Applications2/);
    await shop.getByRole('button', { name: 'Show applications' }).click();
    const rows = shop.locator('tbody tr');
    await expect
      .poll(() => rows.allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^shop-cart.*app=cart$/),
        expect.stringMatching(/^shop-web.*app=web$/),
      ]);
    await expect
      .poll(() => card('broken').locator('.condition.error').textContent(), { timeout: 20_000 })
      .toMatch(/ErrorOccurred.*destination needs a server or a name/);
    expect(errors).toEqual([]);
  });

  it('previews an edit of the set: what would be created and deleted, with the diffs; nothing written', async () => {
    const { page } = session;
    const shop = card('shop');
    await shop.getByRole('button', { name: 'Edit and preview' }).click();
    const text = shop.getByRole('textbox');
    await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toContain('app: web');
    await text.fill((await text.inputValue()).replace('app: web', 'app: api'));
    const preview = shop.getByRole('status');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('1 created');
    const summary = await preview.locator('p').first().textContent();
    expect(summary).toBe('1 created0 changed1 deleted1 unchanged');
    const titles = await preview.locator('summary').allTextContents();
    expect(titles).toEqual(['created shop-api', 'deleted shop-web — its resources are deleted too']);
    expect(await preview.locator('.patch').first().textContent()).toContain('+    path: apps/api');
    expect(readFileSync(join(workspace, 'shop.yaml'), 'utf8')).toContain('app: web');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(screenshotDir, `appsets-${colorScheme}.png`), fullPage: true });
    }
    // a broken edit: the error, and nothing would change
    await text.fill('kind: ApplicationSet\nspec: {}\n');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('does not generate');
    expect(await shop.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await shop.screenshot({ path: join(screenshotDir, 'appsets-broken-edit.png') });
  });

  it('saves an edit that generates: the file is written and the set generates the new applications', async () => {
    const { page } = session;
    const shop = card('shop');
    const text = shop.getByRole('textbox');
    await shop.getByRole('button', { name: 'Undo edits' }).click();
    await text.fill((await text.inputValue()).replace('app: web', 'app: api'));
    const save = shop.getByRole('button', { name: 'Save', exact: true });
    await expect.poll(() => save.isDisabled(), { timeout: 20_000 }).toBe(false);
    await save.click();
    await expect
      .poll(() => shop.getByRole('note').textContent(), { timeout: 10_000 })
      .toBe('Saved to shop.yaml: the set generates again.');
    expect(readFileSync(join(workspace, 'shop.yaml'), 'utf8')).toContain('app: api');
    expect(readFileSync(join(workspace, 'shop.yaml'), 'utf8')).not.toContain('app: web');
    await shop.getByRole('button', { name: 'Close' }).click();
    const rows = shop.locator('tbody tr');
    await expect
      .poll(() => rows.allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^shop-api.*app=api$/),
        expect.stringMatching(/^shop-cart.*app=cart$/),
        // leaving the set: its resources are deleted first (cluster dev does not answer here)
        expect.stringMatching(/^shop-web.*leaving the set: its resources are deleted first$/),
      ]);
    await page.screenshot({ path: join(screenshotDir, 'appsets-saved.png'), fullPage: true });
  });

  it('previews an edit of a file its git generators read, before it is committed', async () => {
    const { page } = session;
    const envs = card('envs');
    await expect.poll(() => envs.locator('dl').textContent(), { timeout: 20_000 }).toMatch(/Applications1/);
    await envs.getByRole('button', { name: 'Edit and preview' }).click();
    await envs.getByLabel('Path in the repository').fill('envs/prod/config.json');
    await envs.getByRole('button', { name: 'Open', exact: true }).click();
    const file = envs.getByLabel('Edited envs/prod/config.json');
    await expect.poll(() => file.count(), { timeout: 10_000 }).toBe(1);
    await file.fill('{"env": "prod"}');
    const preview = envs.getByRole('status');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('1 created');
    expect(await preview.locator('summary').allTextContents()).toEqual(['created prod-app']);
    await page.screenshot({ path: join(screenshotDir, 'appsets-git-file-edit.png'), fullPage: true });
  });
});
