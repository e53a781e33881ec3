// The desktop app end to end through Playwright's Electron driver. Runs where the Electron binary
// exists; elsewhere each test is skipped with the reason.
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { repoRoot } from '../support/cli.ts';
import { electronBinary } from '../support/electronBinary.ts';
import { writeKubeconfig } from '../support/kubeconfigFixture.ts';
import { tempDir } from '../support/tempDir.ts';

/** What a page's script sees; the tests' TypeScript has no DOM library. */
type PageGlobals = { open(url: string): unknown; location: { href: string } };

const binary = electronBinary();
const dir = tempDir();
let app: ElectronApplication | undefined;

async function launch(): Promise<ElectronApplication> {
  if (!('path' in binary)) throw new Error(binary.missing);
  const kubeconfig = writeKubeconfig(
    dir,
    'config',
    [{ name: 'desk', server: 'https://desk.example', user: 'u' }],
    'desk',
  );
  app ??= await _electron.launch({
    executablePath: binary.path,
    args: [repoRoot, '--no-sandbox'],
    env: { ...process.env, KUBECONFIG: kubeconfig, PLUMBLINE_DATA_DIR: dir },
  });
  return app;
}

afterAll(async () => app?.close());

describe('the Electron app', () => {
  it('opens a hardened window that lists the kubeconfig contexts', async (context) => {
    if ('missing' in binary) return context.skip(binary.missing);
    const window = await (await launch()).firstWindow();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await window.evaluate(() => typeof (globalThis as { plumbline?: { call?: unknown } }).plumbline?.call),
    ).toBe('function');
    await window.getByRole('button', { name: 'Clusters' }).click();
    await expect.poll(() => window.locator('tbody tr').count()).toBe(1);
    await window.screenshot({ path: join(screenshotDir, 'electron-clusters.png') });
  });

  it('refuses to open new windows and to navigate away', async (context) => {
    if ('missing' in binary) return context.skip(binary.missing);
    const electronApp = await launch();
    const window = await electronApp.firstWindow();
    await window.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com'));
    await window.evaluate(
      () => ((globalThis as unknown as PageGlobals).location.href = 'https://example.com'),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(electronApp.windows()).toHaveLength(1);
    expect(window.url()).toMatch(/^app:\/\/plumbline\//);
  });

  it('validates payloads in the main process', async (context) => {
    if ('missing' in binary) return context.skip(binary.missing);
    const window = await (await launch()).firstWindow();
    const message = await window.evaluate(() =>
      (globalThis as unknown as { plumbline: { call(n: string, i: unknown): Promise<unknown> } }).plumbline
        .call('clusters.list', { bogus: 1 })
        .then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
    );
    expect(message).toContain('clusters.list: input');
  });
});
