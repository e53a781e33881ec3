// An application's `spec.info` on its Summary in Chromium: http(s) values are links that open
// outside the page (no opener), a javascript: value and plain text stay text, a very long value
// wraps inside the page, and many entries all show.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { tempDir } from '../support/tempDir.ts';
import { applicationYaml } from '../support/workspaceFixtures.ts';

const workspace = join(tempDir(), 'workspace');
const longValue = 'x'.repeat(5000);
const info = [
  { name: 'Runbook', value: 'https://runbooks.example.test/shop?step=1' },
  { name: 'Script', value: 'javascript:alert(document.domain)' },
  { name: 'Hidden script', value: 'java\tscript:alert(1)' },
  { name: 'Team', value: 'payments <b>bold</b>' },
  { name: 'Long', value: longValue },
  ...Array.from({ length: 40 }, (_, i) => ({ name: `entry-${i}`, value: `value ${i}` })),
];
mkdirSync(workspace, { recursive: true });
writeFileSync(
  join(workspace, 'shop.yaml'),
  applicationYaml('shop', {
    source: { repoURL: 'https://git.example.test/shop.git', path: 'deploy' },
    destination: { name: 'dev', namespace: 'shop' },
    info,
  }),
);
const session = useDemoHost({ viewport: { width: 1280, height: 900 } }, { PLUMBLINE_WORKSPACE: workspace });

describe("the application's info list", () => {
  it('shows every entry, links only http(s) URLs, and wraps long values', async () => {
    const page = session.page;
    await page.goto(session.host.appUrl);
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr', { hasText: /^shop/ }).click();
    await page.getByRole('heading', { name: 'shop' }).waitFor();
    const entries = page.getByTestId('app-info');
    await expect.poll(() => entries.count()).toBe(info.length);

    const runbook = page.getByRole('link', { name: info[0]!.value });
    expect(await runbook.getAttribute('href')).toBe(info[0]!.value);
    expect(await runbook.getAttribute('target')).toBe('_blank');
    expect(await runbook.getAttribute('rel')).toBe('noopener noreferrer');
    // one link only: the javascript: values and the markup are text
    expect(await page.locator('dl.facts a').count()).toBe(1);
    expect(await entries.filter({ hasText: 'Team' }).locator('dd').textContent()).toBe(
      'payments <b>bold</b>',
    );
    expect(await entries.filter({ hasText: 'Script' }).first().locator('dd').textContent()).toBe(
      info[1]!.value,
    );

    // the long value wraps: the page gets no horizontal scroll bar
    const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    );
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.getByText('Runbook', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'application-info.png') });
  });
});
