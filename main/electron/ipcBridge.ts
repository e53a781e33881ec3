// The IPC side of the contract in the main process: checks who is calling, validates the payload
// against the contract, asks the user before a guarded setting changes, forwards the call to the
// engine process, and fans events out to windows.
import { BrowserWindow, ipcMain, type WebContents } from 'electron';
import type { PlumblineClient } from '../../engine/api/client.ts';
import type { CallInput } from '../../engine/api/contract.ts';
import { ContractError } from '../../engine/api/errors.ts';
import { parseCallInput, parseCallName } from '../../engine/api/validate.ts';
import type { GuardedChange } from '../host/guardedSettings.ts';
import { callChannel, eventChannel, isTrustedSender } from './policy.ts';
import { refuseGuardedSettings, requireConfirmation } from './settingsConfirmation.ts';

/** Asks the user of the window `sender` belongs to; see settingsConfirmation.ts. */
export type ConfirmFromWindow = (changes: GuardedChange[], sender: WebContents) => Promise<boolean>;

export function bridgeIpc(
  engine: PlumblineClient,
  confirm: ConfirmFromWindow = refuseGuardedSettings,
): () => void {
  ipcMain.handle(callChannel, async (event, name: unknown, input: unknown) => {
    const ownFrames = BrowserWindow.getAllWindows().map((window) => window.webContents.mainFrame);
    if (!isTrustedSender(event.senderFrame, ownFrames)) {
      return { ok: false, error: { code: 'failed', message: 'call refused: not from the app window' } };
    }
    try {
      const call = parseCallName(name);
      const parsed = parseCallInput(call, input);
      if (call === 'settings.update')
        await requireConfirmation(engine, parsed as CallInput<'settings.update'>, (changes) =>
          confirm(changes, event.sender),
        );
      const value = await engine.call(call, parsed);
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
