// The main process's IPC bridge, with Electron's ipcMain and BrowserWindow replaced by plain
// objects (the real ones run in test/electron where the binary exists).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { EngineEvent } from '../../../engine/api/contract.ts';
import { appEntryUrl, callChannel, eventChannel } from '../../../main/electron/policy.ts';
import { fakeElectron } from './fakeElectron.ts';

vi.mock('electron', async () => (await import('./fakeElectron.ts')).electronModule);

const { bridgeIpc } = await import('../../../main/electron/ipcBridge.ts');
const electron = fakeElectron;

let listener: ((event: EngineEvent) => void) | undefined;
const calls: Array<[string, unknown]> = [];
const engine: PlumblineClient = {
  call: async (name, input) => {
    calls.push([name, input]);
    return { ok: name } as never;
  },
  subscribe: (l) => {
    listener = l;
    return () => (listener = undefined);
  },
};

const sent: unknown[] = [];
const mainFrame = { url: appEntryUrl };

beforeEach(() => {
  calls.length = 0;
  sent.length = 0;
  electron.windows = [
    { webContents: { mainFrame, send: (channel, payload) => sent.push([channel, payload]) } },
  ];
});

describe('the IPC bridge', () => {
  const stop = bridgeIpc(engine);
  const invoke = (senderFrame: unknown, ...args: unknown[]) =>
    electron.handlers.get(callChannel)!({ senderFrame }, ...args);

  it('forwards a valid call from the app window', async () => {
    expect(await invoke(mainFrame, 'clusters.list', {})).toEqual({
      ok: true,
      value: { ok: 'clusters.list' },
    });
    expect(calls).toEqual([['clusters.list', {}]]);
  });

  it('refuses a call from a frame that is not the main frame of an app window', async () => {
    const result = await invoke({ url: appEntryUrl }, 'clusters.list', {});
    expect(result).toMatchObject({ ok: false, error: { message: 'call refused: not from the app window' } });
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads before they reach the engine', async () => {
    expect(await invoke(mainFrame, 'clusters.list', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await invoke(mainFrame, 'no.such.call', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-call' },
    });
    expect(calls).toEqual([]);
  });

  it('sends engine events to every window', () => {
    listener?.({ event: 'apps.changed', payload: { changed: [], removed: [] } });
    expect(sent).toEqual([[eventChannel, { event: 'apps.changed', payload: { changed: [], removed: [] } }]]);
  });

  it('unregisters on stop', () => {
    stop();
    expect(electron.handlers.has(callChannel)).toBe(false);
    expect(listener).toBeUndefined();
  });
});
