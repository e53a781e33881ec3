// A progressive sync (strategy RollingSync) in the ApplicationSets view in Chromium: the step
// rolling out, each application's rollout status by step — the dev one Pending (its sync waits
// for the set), the prod ones Waiting for it, one no step selects marked to sync by hand — and
// the InvalidRolloutConfig of a step using an operator Argo CD does not support.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { tempDir } from '../support/tempDir.ts';

const workspace = tempDir();

const inEnv = (env: string) => ({ matchExpressions: [{ key: 'env', operator: 'In', values: [env] }] });

function rollingSet(name: string, steps: unknown[]): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [
        {
          list: {
            elements: [
              { app: 'web-dev', env: 'dev' },
              { app: 'web-prod-eu', env: 'prod' },
              { app: 'web-prod-us', env: 'prod' },
              { app: 'web-qa', env: 'qa' },
            ],
          },
        },
      ],
      strategy: { type: 'RollingSync', rollingSync: { steps } },
      template: {
        metadata: { name: `${name}-{{app}}`, labels: { env: '{{env}}' } },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.test/shop.git', path: 'apps/{{app}}' },
          destination: { name: 'dev', namespace: '{{app}}' },
          syncPolicy: { automated: { prune: true } },
        },
      },
    },
  });
}

beforeAll(() => {
  writeFileSync(
    join(workspace, 'waves.yaml'),
    rollingSet('waves', [inEnv('dev'), { ...inEnv('prod'), maxUpdate: 1 }]),
  );
  writeFileSync(
    join(workspace, 'odd.yaml'),
    rollingSet('odd', [{ matchExpressions: [{ key: 'env', operator: 'Exists' }] }]),
  );
});
const session = useDemoHost({ viewport: { width: 1400, height: 1000 } }, { PLUMBLINE_WORKSPACE: workspace });
const card = (name: string) => session.page.getByRole('region', { name });

describe('a progressive sync in the ApplicationSets view', () => {
  it('shows the step rolling out and each application’s rollout status by step', async () => {
    const { page, host } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'ApplicationSets', exact: true }).click();
    const rollout = card('waves').getByLabel('Progressive sync');
    await expect
      .poll(() => rollout.locator('p').first().textContent(), { timeout: 20_000 })
      .toBe('RollingSync in 2 steps — ApplicationSet is performing rollout of step 1');
    await expect
      .poll(() => rollout.locator('tbody tr').allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^1waves-web-devPending/),
        expect.stringMatching(/^2waves-web-prod-euWaiting/),
        expect.stringMatching(/^2waves-web-prod-usWaiting/),
        expect.stringMatching(/^none \(sync by hand\)waves-web-qaWaiting/),
      ]);
    // the template's automated sync is switched off: the set syncs its applications
    await card('waves').getByRole('button', { name: 'Show applications' }).click();
    await expect
      .poll(() => card('odd').getByLabel('Progressive sync').textContent(), { timeout: 20_000 })
      .toContain(
        "InvalidRolloutConfig Step 1 has invalid matchExpression operators: Exists. Supported Operators are 'In' and 'NotIn'",
      );
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await card('waves').screenshot({ path: join(screenshotDir, `appset-rollout-${colorScheme}.png`) });
    }
    await page.screenshot({ path: join(screenshotDir, 'appset-rollout-page.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
