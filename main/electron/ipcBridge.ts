// The IPC side of the contract in the main process: checks who is calling, validates the payload
// against the contract, forwards the call to the engine process, and fans events out to windows.
import { BrowserWindow, ipcMain } from 'electron';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { ContractError } from '../../engine/api/errors.ts';
import { parseCallInput, parseCallName } from '../../engine/api/validate.ts';
import { callChannel, eventChannel, isTrustedSender } from './policy.ts';

export function bridgeIpc(engine: PlumblineClient): () => void {
  ipcMain.handle(callChannel, async (event, name: unknown, input: unknown) => {
    const ownFrames = BrowserWindow.getAllWindows().map((window) => window.webContents.mainFrame);
    if (!isTrustedSender(event.senderFrame, ownFrames)) {
      return { ok: false, error: { code: 'failed', message: 'call refused: not from the app window' } };
    }
    try {
      const call = parseCallName(name);
      const value = await engine.call(call, parseCallInput(call, input));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: ContractError.from(error).toJSON() };
    }
  });
  const unsubscribe = engine.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel, event);
  });
  return () => {
    ipcMain.removeHandler(callChannel);
    unsubscribe();
  };
}
