// For a browser test file: `plumbline serve` on a kubeconfig with one unreachable `dev` context
// (the demo deploys there), and one Chromium page; both closed when the file ends. A test may add
// to the host's environment, e.g. its own workspace as PLUMBLINE_WORKSPACE.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServe, type Launcher, type ServingHost } from './cli.ts';
import { writeKubeconfig } from './kubeconfigFixture.ts';
import { tempDir } from './tempDir.ts';

export interface DemoHost {
  host: ServingHost;
  page: Page;
  dataDir: string;
}

export function useDemoHost(
  pageOptions: Parameters<Browser['newPage']>[0] = {},
  env: Record<string, string> = {},
  /** Wraps the host's command, e.g. inKeyring for a real keychain. */
  launcher?: Launcher,
): DemoHost {
  const dir = tempDir();
  const session = { dataDir: join(dir, 'data') } as DemoHost;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const kubeconfig = writeKubeconfig(
      dir,
      'config',
      [{ name: 'dev', server: 'https://dev.example:6443', user: 'me' }],
      'dev',
    );
    session.host = await startServe(
      { KUBECONFIG: kubeconfig, PLUMBLINE_DATA_DIR: session.dataDir, ...env },
      launcher,
    );
    browser = await launchChromium();
    session.page = await browser.newPage(pageOptions);
  });
  afterAll(async () => {
    await browser?.close();
    await session.host?.stop();
  });
  return session;
}
