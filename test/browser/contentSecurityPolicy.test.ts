// The content security policy in Chromium against the headless host, which serves the policy the
// desktop shell serves (main/host/csp.ts): no 'unsafe-inline' for styles, a fresh style nonce per
// page. Every view renders without a single `securitypolicyviolation`; xterm — the real library,
// served from the host's own origin — draws true-colour text with its <style> elements and style
// attributes unblocked; and a style injected into the markup is blocked, which shows that the
// listener sees violations at all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyFor } from '../../main/host/csp.ts';
import { useDemoHost } from '../support/demoHost.ts';

const session = useDemoHost({ viewport: { width: 1280, height: 800 } });
const xtermModule = readFileSync(
  createRequire(import.meta.url).resolve('@xterm/xterm/lib/xterm.mjs'),
  'utf8',
);

/** Runs in the page before its own scripts: records every violation the document reports. */
const recordViolations = `
  globalThis.violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    globalThis.violations.push(event.effectiveDirective + ' ' + (event.blockedURI || event.sample || ''));
  });
`;
const violations = () => session.page.evaluate<string[]>('globalThis.violations');

describe('the content security policy in Chromium', () => {
  it('is served with a fresh style nonce per page, the same policy as the desktop', async () => {
    const pages = await Promise.all([fetch(session.host.url), fetch(session.host.url)]);
    const nonces = await Promise.all(
      pages.map(async (response) => {
        const policy = response.headers.get('content-security-policy') ?? '';
        expect(policy).not.toContain('unsafe-inline');
        const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
        expect(await response.text()).toContain(`<meta property="csp-nonce" nonce="${nonce}" />`);
        const desktop = contentSecurityPolicyFor({ styleNonce: nonce });
        const withoutConnect = (text: string) => text.replace(/connect-src [^;]*/, '');
        expect(withoutConnect(policy)).toBe(withoutConnect(desktop));
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('blocks nothing in any view', async () => {
    const { page, host } = session;
    await page.addInitScript({ content: recordViolations });
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    const rows = page.getByRole('table', { name: 'Applications' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await rows.filter({ hasText: 'helm-guestbook' }).click();
    for (const tab of ['Summary', 'Tree', 'Diff', 'Manifests', 'History']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(300);
    }
    for (const view of ['ApplicationSets', 'Clusters', 'Projects', 'Settings', 'Applications']) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: view, exact: true })
        .click();
      await page.waitForTimeout(300);
    }
    expect(await violations()).toEqual([]);
  });

  it("lets xterm's own styles through: <style> elements and true-colour cells", async () => {
    const { page, host } = session;
    // the real library, from the host's origin as the app's bundle is ('self')
    await page.route(`${host.url}test-only/xterm.mjs`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: xtermModule }),
    );
    const drawn = await page.evaluate<{ color: string; styles: number; text: string }>(`(async () => {
      const { Terminal } = await import('/test-only/xterm.mjs');
      const host = document.createElement('div');
      host.style.width = '600px';
      host.style.height = '200px';
      document.body.append(host);
      const terminal = new Terminal({ theme: { foreground: '#010203' } });
      terminal.open(host);
      await new Promise((resolve) => terminal.write('\\x1b[38;2;255;0;0mtrue colour\\x1b[0m plain', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cell = [...host.querySelectorAll('.xterm-rows span')].find((span) => span.textContent.includes('true'));
      const result = {
        color: cell ? getComputedStyle(cell).color : 'no cell',
        styles: host.querySelectorAll('style').length,
        text: host.querySelector('.xterm-rows').textContent,
      };
      terminal.dispose();
      host.remove();
      return result;
    })()`);
    expect(drawn.text).toContain('true colour plain');
    expect(drawn.styles).toBeGreaterThanOrEqual(2);
    expect(drawn.color).toBe('rgb(255, 0, 0)');
    expect(await violations()).toEqual([]);
  });

  it('blocks a style injected into the markup (the listener does see violations)', async () => {
    const color = await session.page.evaluate<string>(`(async () => {
      document.body.insertAdjacentHTML('beforeend',
        '<style>#injected { color: rgb(1, 2, 3) }</style><p id="injected" style="color: rgb(4, 5, 6)">x</p>');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const color = getComputedStyle(document.getElementById('injected')).color;
      document.getElementById('injected').remove();
      return color;
    })()`);
    expect(color).not.toMatch(/rgb\((1, 2, 3|4, 5, 6)\)/);
    const blocked = await violations();
    expect(blocked.some((line) => line.startsWith('style-src-elem'))).toBe(true);
    expect(blocked.some((line) => line.startsWith('style-src-attr'))).toBe(true);
  });
});
