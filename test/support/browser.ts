// Launches Debian's Chromium through Playwright (never a downloaded browser).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { repoRoot } from './cli.ts';

export const screenshotDir = join(repoRoot, 'test', 'output', 'screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.PLUMBLINE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error("Chromium not found: install Debian's chromium package or set PLUMBLINE_CHROMIUM");
  return found;
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
