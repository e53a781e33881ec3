// The desktop shell's hardening as configuration, without Electron (its binary cannot run
// here): every web contents is hardened through the `web-contents-created` hook (driven with
// plain event emitters), the CSP has no 'unsafe-inline', packaged builds have no DevTools, and a
// guarded setting changed from the window waits for the main process's dialog.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { editableSettingsSchema, type EditableSettings } from '../../../engine/api/contract.ts';
import { contentSecurityPolicyFor } from '../../../main/host/csp.ts';
import { guardedChanges, settingGuards } from '../../../main/host/guardedSettings.ts';
import { newStyleNonce, withStyleNonce } from '../../../main/host/pageNonce.ts';
import { contentSecurityPolicy } from '../../../main/server/security.ts';
import { hardenEveryWebContents } from '../../../main/electron/harden.ts';
import { applicationMenu, type MenuEntry } from '../../../main/electron/menuTemplate.ts';
import {
  appEntryUrl,
  appResponseHeaders,
  callChannel,
  mainWindowPreferences,
  rendererFileFor,
} from '../../../main/electron/policy.ts';
import { applyButton, guardedSettingsDialog } from '../../../main/electron/settingsConfirmation.ts';
import { fakeElectron } from './fakeElectron.ts';

vi.mock('electron', async () => (await import('./fakeElectron.ts')).electronModule);
const { bridgeIpc } = await import('../../../main/electron/ipcBridge.ts');
const electron = fakeElectron;

/** What Electron gives a listener of a navigation event. */
function navigation(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

class FakeSession {
  request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  check?: () => boolean;
  device?: () => boolean;
  setPermissionRequestHandler(handler: FakeSession['request']) {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['check']) {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['device']) {
    this.device = handler;
  }
}

class FakeContents extends EventEmitter {
  session = new FakeSession();
  openHandler?: (details: { url: string }) => { action: string };
  devToolsClosed = 0;
  setWindowOpenHandler(handler: FakeContents['openHandler']) {
    this.openHandler = handler;
  }
  closeDevTools() {
    this.devToolsClosed += 1;
  }
}

function createdContents(packaged: boolean, count: number) {
  const app = new EventEmitter();
  const opened: string[] = [];
  hardenEveryWebContents(app as never, { packaged, openExternal: (url) => opened.push(url) });
  const all = Array.from({ length: count }, () => new FakeContents());
  for (const contents of all) app.emit('web-contents-created', {}, contents);
  return { all, opened };
}

describe('every web contents is hardened', () => {
  // the app window, a devtools view, and one a compromised page got created with its own session
  const { all, opened } = createdContents(true, 3);

  it.each(all.map((contents, index) => [index, contents] as const))('web contents %i', (_index, contents) => {
    expect(contents.openHandler?.({ url: 'https://argo-cd.readthedocs.io/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: appEntryUrl })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigation('https://evil.example/');
      const inside = navigation('app://plumbline/index.html');
      const otherHost = navigation('app://evil/index.html');
      contents.emit(event, away);
      contents.emit(event, inside);
      contents.emit(event, otherHost);
      expect([away.prevented, inside.prevented, otherHost.prevented], event).toEqual([true, false, true]);
    }
    const webview = navigation('');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
    let granted: boolean | undefined;
    contents.session.request?.(contents, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(contents.session.check?.()).toBe(false);
    expect(contents.session.device?.()).toBe(false);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('opens only the http(s) links the page asked for, in the browser', () => {
    expect(opened).toEqual(Array(3).fill('https://argo-cd.readthedocs.io/'));
  });

  it('leaves DevTools alone in a development build', () => {
    const [contents] = createdContents(false, 1).all;
    contents!.emit('devtools-opened');
    expect(contents!.devToolsClosed).toBe(0);
  });
});

describe('no DevTools in packaged builds', () => {
  const entries = (menu: MenuEntry[]): MenuEntry[] =>
    menu.flatMap((entry) => [entry, ...entries(entry.submenu ?? [])]);
  const roles = (packaged: boolean, platform: NodeJS.Platform) =>
    entries(applicationMenu(platform, { reload: () => undefined }, { packaged })).map((entry) => entry.role);

  it('window preferences turn DevTools off when packaged', () => {
    expect(mainWindowPreferences('/p.cjs', { packaged: true })).toMatchObject({
      devTools: false,
      sandbox: true,
    });
    expect(mainWindowPreferences('/p.cjs', { packaged: false }).devTools).toBe(true);
  });

  it('the menu has no DevTools entry when packaged', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(roles(true, platform)).not.toContain('toggleDevTools');
      expect(roles(false, platform)).toContain('toggleDevTools');
    }
  });
});

describe('the content security policy', () => {
  const directives = (policy: string) =>
    new Map(policy.split('; ').map((d) => [d.split(' ')[0], d] as const));

  it("has no 'unsafe-inline' (nor eval) and lets only the page's nonce add styles", () => {
    const nonce = newStyleNonce();
    for (const policy of [
      appResponseHeaders(nonce)['content-security-policy']!,
      contentSecurityPolicy(4242, nonce),
    ]) {
      expect(policy).not.toContain('unsafe');
      expect(directives(policy).get('style-src')).toBe(`style-src 'self' 'nonce-${nonce}'`);
      expect(directives(policy).get('script-src')).toBe("script-src 'self'");
    }
  });

  it('is the same on the desktop and the headless host but for the WebSocket it may open', () => {
    const desktop = directives(contentSecurityPolicyFor({ styleNonce: 'n' }));
    const headless = directives(contentSecurityPolicy(4242, 'n'));
    desktop.delete('connect-src');
    expect(headless.get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:4242 ws://localhost:4242");
    headless.delete('connect-src');
    expect(headless).toEqual(desktop);
  });

  it('a fresh nonce per page, placed first in <head>', () => {
    expect(newStyleNonce()).not.toBe(newStyleNonce());
    expect(withStyleNonce('<html><head><title>x</title></head></html>', 'abc')).toMatch(
      /^<html><head>\s*<meta property="csp-nonce" nonce="abc" \/><title>/,
    );
    expect(() => withStyleNonce('<p>no head</p>', 'abc')).toThrow(/no <head>/);
  });
});

describe('the app:// protocol', () => {
  it('serves files of the renderer folder only', () => {
    expect(rendererFileFor('/r', 'app://plumbline/')).toBe('/r/index.html');
    expect(rendererFileFor('/r', 'app://plumbline/assets/a.js')).toBe('/r/assets/a.js');
    // climbing is normalised away at the root of the folder
    expect(rendererFileFor('/r', 'app://plumbline/..%2f..%2fetc/passwd')).toBe('/r/etc/passwd');
    for (const url of [
      'app://plumbline/%',
      'app://plumbline/%c0%af',
      'app://plumbline/a%00b',
      'app://evil/index.html',
    ])
      expect(rendererFileFor('/r', url), url).toBeNull();
  });
});

describe('guarded settings from the window', () => {
  const current: EditableSettings = {
    workspace: '/home/me/ws',
    healthCustomizations: null,
    tools: { helm: null, kubectl: '/usr/bin/kubectl', kustomize: null },
    operationLeaseNamespace: null,
    reconciliation: { periodSeconds: 180, jitterSeconds: 60 },
    gitAuthor: { name: null, email: null },
  };
  const forwarded: Array<[string, unknown]> = [];
  const engine: PlumblineClient = {
    call: async (name, input) => {
      if (name === 'settings.get') return { path: '/data/config.json', settings: current } as never;
      forwarded.push([name, input]);
      return {} as never;
    },
    subscribe: () => () => undefined,
  };
  const mainFrame = { url: appEntryUrl };
  const sender = { id: 1 };
  const invoke = (input: unknown) =>
    electron.handlers.get(callChannel)!({ senderFrame: mainFrame, sender }, 'settings.update', input);
  const asked: unknown[][] = [];
  let answer = false;

  beforeEach(() => {
    forwarded.length = 0;
    asked.length = 0;
    electron.windows = [{ webContents: { mainFrame, send: () => undefined } }];
  });

  it('every setting is classified, and every tools.* entry, present or future, is guarded', () => {
    expect(Object.keys(settingGuards).sort()).toEqual(Object.keys(editableSettingsSchema.shape).sort());
    const change = { tools: { ...current.tools, helm: '/tmp/helm', vaultPlugin: '/tmp/p' } } as never;
    expect(guardedChanges(change, current).map((c) => c.setting)).toEqual([
      'tools.helm',
      'tools.vaultPlugin',
    ]);
  });

  it('a tool path waits for the dialog; declined, the engine never sees it', async () => {
    const stop = bridgeIpc(engine, async (changes, from) => {
      asked.push([changes, from]);
      return answer;
    });
    const change = { ...current, tools: { ...current.tools, helm: '/tmp/evil/helm' } };
    answer = false;
    expect(await invoke(change)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/tools\.helm need your confirmation/) },
    });
    expect(asked).toEqual([[[{ setting: 'tools.helm', value: '/tmp/evil/helm' }], sender]]);
    expect(forwarded).toEqual([]);
    answer = true;
    expect(await invoke(change)).toMatchObject({ ok: true });
    expect(forwarded).toEqual([['settings.update', change]]);
    stop();
  });

  it('the workspace and clearing a tool path ask too; other settings do not', async () => {
    const stop = bridgeIpc(engine, async (changes) => {
      asked.push(changes);
      return true;
    });
    await invoke({ workspace: '/tmp/other-ws' });
    await invoke({ tools: { ...current.tools, kubectl: null } });
    // the Settings view sends every setting, copies of the current ones included
    const copy = JSON.parse(JSON.stringify(current)) as EditableSettings;
    await invoke({ ...copy, reconciliation: { periodSeconds: 60, jitterSeconds: 0 } });
    expect(asked).toEqual([
      [{ setting: 'workspace', value: '/tmp/other-ws' }],
      [{ setting: 'tools.kubectl', value: null }],
    ]);
    expect(forwarded).toHaveLength(3);
    stop();
  });

  it('without a dialog, a guarded change is refused', async () => {
    const stop = bridgeIpc(engine);
    expect(await invoke({ workspace: '/tmp/x' })).toMatchObject({ ok: false });
    expect(forwarded).toEqual([]);
    stop();
  });

  it('the dialog names the change and defaults to Cancel', () => {
    const dialog = guardedSettingsDialog([{ setting: 'tools.helm', value: '/tmp/helm' }]);
    expect(dialog.detail).toContain('tools.helm → /tmp/helm');
    expect(dialog.buttons[dialog.defaultId]).toBe('Cancel');
    expect(dialog.cancelId).toBe(dialog.defaultId);
    expect(dialog.buttons[applyButton]).toBe('Apply');
  });
});
