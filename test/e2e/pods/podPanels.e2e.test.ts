// A pod's Logs and Terminal in Chromium against the headless host and a real cluster: from the
// resource tree of an application, the pod's panel streams its log (search marks and filters
// the lines) and opens a terminal that runs what is typed. Screenshots go to the screenshot dir.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { launchChromium, screenshotDir } from '../../support/browser.ts';
import { startServe, type ServingHost } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { NOT_CONFIGURED, podIoApplication, writeLogLine } from './podTestKit.ts';

const root = tempDir();
const { workspace } = podIoApplication(root, 'echo');
let host: ServingHost;
let browser: Browser;
let page: Page;
let panel: Locator;
let terminalsStarted = 0;

beforeAll(async () => {
  host = await startServe({
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_WORKSPACE: workspace,
    PLUMBLINE_DATA_DIR: join(root, 'data'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (String(payload).includes('"pods.exec.start"')) terminalsStarted += 1;
    }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe("a pod's logs and terminal in the application detail", () => {
  it('open from the pod of the resource tree, with Logs and Terminal tabs', async () => {
    await page.goto(host.appUrl);
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr').first().click();
    await page.getByRole('tab', { name: 'Tree' }).click();
    // A pod of an earlier run may still be going away: take the one that runs.
    const podCard = page
      .locator('.node-card', { hasText: /echo-[a-z0-9]+-[a-z0-9]{5}/ })
      .filter({ hasText: 'Running' })
      .first();
    await podCard.waitFor({ timeout: 60_000 });
    await podCard.locator('.card-body').click();
    panel = page.locator('aside.resource-panel');
    await panel.getByRole('tab', { name: 'Logs' }).click();
    await expect.poll(() => panel.getByRole('tab').allTextContents()).toContain('Terminal');
  });

  it('stream the log, follow it, and mark what the search finds', async (context) => {
    const lines = panel.getByRole('log', { name: 'Log lines' });
    await expect
      .poll(async () => `${await lines.textContent()} ${await panel.locator('p.error').allTextContents()}`, {
        timeout: 15_000,
      })
      .toMatch(/current line 3|no logs found/);
    if ((await panel.locator('p.error').count()) > 0) {
      expect(await panel.locator('p.error').textContent()).toMatch(/400 BadRequest: no logs found/);
      await page.screenshot({ path: join(screenshotDir, 'pod-logs-unavailable.png') });
      context.skip(NOT_CONFIGURED);
    }
    const marker = `written while the panel is open ${Date.now()}`;
    await writeLogLine(marker);
    await expect.poll(() => lines.textContent(), { timeout: 10_000 }).toContain(marker);
    await page.screenshot({ path: join(screenshotDir, 'pod-logs.png') });
    await panel.getByRole('searchbox', { name: 'Search the log' }).fill('line 2');
    await expect.poll(() => lines.locator('mark').count()).toBeGreaterThanOrEqual(1);
    expect(await panel.getByRole('status').textContent()).toMatch(/^\d+ of \d+ lines match/);
    await page.screenshot({ path: join(screenshotDir, 'pod-logs-search.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshotDir, 'pod-logs-search-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('open a terminal that runs what is typed', async (context) => {
    await panel.getByRole('tab', { name: 'Terminal' }).click();
    const status = panel.locator('.pod-terminal').getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Connected to echo|Ended/);
    if ((await status.textContent())?.startsWith('Ended')) {
      expect(await status.textContent()).toMatch(/no exec found/);
      context.skip(NOT_CONFIGURED);
    }
    await panel.locator('.pod-terminal-screen').click();
    await page.keyboard.type('echo $((6 * 7))\n');
    const screen = panel.locator('.xterm-rows');
    await expect.poll(() => screen.textContent(), { timeout: 10_000 }).toContain('42');
    // Learning which container the engine picked once restarted the session, and keys typed in
    // between were lost: exactly one session may start.
    expect(terminalsStarted).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'pod-terminal.png') });
    await page.getByRole('button', { name: 'Close panel' }).click();
    await expect.poll(() => page.locator('.pod-terminal').count()).toBe(0);
  });
});
