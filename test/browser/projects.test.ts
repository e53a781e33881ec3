// The Projects view in Chromium: each AppProject of the workspace as a card with its rules in
// plain words, its roles and its sync windows with their state now (active until, opens, or why
// it cannot be read); it follows an edit of the project file without a reload.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { tempDir } from '../support/tempDir.ts';
import { projectYaml, writeApplication } from '../support/workspaceFixtures.ts';

const workspace = tempDir();
// Twelve hours from now, on the hour (UTC, as the page's clock): this window cannot be open while
// the test runs.
const closedHour = (new Date().getUTCHours() + 12) % 24;

function writeProject(description: string): void {
  const spec = {
    description,
    sourceRepos: ['https://git.example.test/payments/*'],
    destinations: [{ name: 'dev', namespace: 'payments-*' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
    roles: [
      {
        name: 'deployer',
        description: 'CI deploys',
        policies: ['p, proj:payments:deployer, applications, sync, payments/*, allow'],
      },
    ],
    syncWindows: [
      { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'], manualSync: true },
      {
        kind: 'allow',
        schedule: `0 ${closedHour} * * *`,
        duration: '1h',
        namespaces: ['payments-*'],
        clusters: ['dev'],
        andOperator: true,
        description: 'release hour',
      },
      { kind: 'allow', schedule: 'every day', duration: '1h', applications: ['shop'] },
    ],
  };
  writeFileSync(join(workspace, 'project.yaml'), projectYaml('payments', spec));
}

// The workspace is written before the host starts: hooks run in the order they are registered.
beforeAll(async () => {
  await writeApplication(workspace, 'shop', {
    project: 'payments',
    source: { repoURL: 'https://git.example.test/payments/shop.git', path: 'deploy' },
    destination: { name: 'dev', namespace: 'payments-shop' },
  });
  writeProject('Card payments');
});
const session = useDemoHost(
  { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' },
  { PLUMBLINE_WORKSPACE: workspace },
);

const card = (project: string) => session.page.getByRole('region', { name: project });

describe('the Projects view', () => {
  it('shows each project’s rules, roles and sync windows', async () => {
    const { page, host } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Projects' }).click();
    const payments = card('payments');
    const facts = await payments.locator('dl').textContent();
    expect(await payments.locator('dd').first().textContent()).toBe('shop');
    expect(facts).toContain('https://git.example.test/payments/*');
    expect(facts).toContain('cluster dev, namespace payments-*');
    expect(facts).toContain('only Namespace');
    expect(facts).toContain('all namespaced kinds except ResourceQuota');
    expect(facts).toContain('deployer (CI deploys): 1 policy');

    const rows = page.getByRole('table', { name: 'Sync windows of payments' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const [deny, allow, broken] = await rows.allTextContents();
    expect(deny).toMatch(
      // starts every minute, each for an hour: as in Argo CD it never ends
      /^deny\* \* \* \* \* for 1h.*applications: \*allowedactive with no end in sight$/,
    );
    expect(allow).toContain('all ofnamespaces: payments-*clusters: dev');
    expect(allow).toContain('release hour');
    expect(allow).toMatch(
      new RegExp(`not allowedopens (today|tomorrow) ${String(closedHour).padStart(2, '0')}:00$`),
    );
    expect(broken).toMatch(/^allowevery day for 1h.*not allowed/);
    // in red: the problem, not a time
    expect(await rows.nth(2).locator('.error').textContent()).toBe(
      "cannot parse schedule 'every day': expected exactly 5 fields, found 2: [every day]",
    );

    const builtIn = card('default');
    expect(await builtIn.textContent()).toContain('all cluster-scoped kinds');
    expect(await builtIn.textContent()).toContain('any repository');
    expect(await builtIn.textContent()).toContain('any cluster, any namespace');

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(screenshotDir, `projects-${colorScheme}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
  });

  it('follows an edit of the project file without a reload', async () => {
    writeProject('Card payments and refunds');
    await expect
      .poll(() => card('payments').textContent(), { timeout: 10_000 })
      .toContain('Card payments and refunds');
  });

  it('says what is wrong with a project file it cannot use', async () => {
    const spec = {
      sourceRepos: ['*'],
      syncWindows: [{ kind: 'sometimes', schedule: '* * * * *', duration: '1h' }],
    };
    writeFileSync(join(workspace, 'broken.yaml'), projectYaml('broken', spec));
    const problem = card('broken').locator('.condition.error');
    await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toMatch(/syncWindows.*broken\.yaml/s);
    expect(await card('broken').textContent()).toContain('cannot sync until it is fixed');
    expect(await card('broken').getByRole('table').count()).toBe(0);
    await card('broken').screenshot({ path: join(screenshotDir, 'projects-broken.png') });
  });
});
