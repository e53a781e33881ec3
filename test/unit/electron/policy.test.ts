import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  appResponseHeaders,
  isAppUrl,
  isExternalLink,
  isTrustedSender,
  mainWindowPreferences,
} from '../../../main/electron/policy.ts';
import { applicationMenu } from '../../../main/electron/menuTemplate.ts';

describe('the desktop window policy', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = mainWindowPreferences('/app/preload.cjs', { packaged: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('treats only app:// URLs of our host as the app', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://plumbline/views/x')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://plumbline.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only http(s) links externally', () => {
    expect(isExternalLink('https://argo-cd.readthedocs.io')).toBe(true);
    expect(isExternalLink('file:///bin/sh')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });

  it('trusts only the main frame of its own windows, showing the app', () => {
    const main = { url: appEntryUrl };
    const iframe = { url: appEntryUrl };
    const navigatedAway = { url: 'https://evil.example/' };
    expect(isTrustedSender(main, [main])).toBe(true);
    expect(isTrustedSender(iframe, [main])).toBe(false);
    expect(isTrustedSender(navigatedAway, [navigatedAway])).toBe(false);
    expect(isTrustedSender(null, [main])).toBe(false);
  });

  it('has a strict content security policy', () => {
    const policy = appResponseHeaders()['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('has an application menu with a reload action', () => {
    let reloaded = false;
    const menu = applicationMenu('linux', { reload: () => (reloaded = true) }, { packaged: false });
    const view = menu.find((entry) => entry.label === 'View');
    view?.submenu?.find((entry) => entry.label === 'Reload')?.click?.();
    expect(reloaded).toBe(true);
    expect(applicationMenu('darwin', { reload: () => undefined }, { packaged: true })[0]?.label).toBe(
      'Plumbline',
    );
  });
});
