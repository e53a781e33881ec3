// The desktop shell's rule for guarded settings (main/host/guardedSettings.ts): a change from the
// window to a tool path or the workspace applies only after the user says yes in a dialog of
// the main process, which a compromised page can neither draw nor click. Pure, so unit-tested.
import type { PlumblineClient } from '../../engine/api/client.ts';
import type { CallInput } from '../../engine/api/contract.ts';
import { ContractError } from '../../engine/api/errors.ts';
import { describeGuardedChanges, guardedChanges, type GuardedChange } from '../host/guardedSettings.ts';

/** Asks the user about `changes`; true only when they chose to apply them. */
export type ConfirmGuardedSettings = (changes: GuardedChange[]) => Promise<boolean>;

/** Without a way to ask, nothing guarded changes. */
export const refuseGuardedSettings: ConfirmGuardedSettings = async () => false;

export const applyButton = 1;

/** The options of Electron's `dialog.showMessageBox`; Cancel is the default and the Esc answer. */
export function guardedSettingsDialog(changes: readonly GuardedChange[]) {
  return {
    type: 'warning' as const,
    title: 'Plumbline',
    message: 'Apply this settings change?',
    detail:
      `${describeGuardedChanges(changes)}\n\n` +
      'These settings choose the programs Plumbline runs on this computer, or the workspace whose ' +
      'applications it deploys with your credentials. Apply only if you made this change yourself.',
    buttons: ['Cancel', 'Apply'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** Throws unless `change` touches no guarded setting or the user confirmed it. */
export async function requireConfirmation(
  engine: PlumblineClient,
  change: CallInput<'settings.update'>,
  confirm: ConfirmGuardedSettings,
): Promise<void> {
  const current = await engine.call('settings.get', {});
  const changes = guardedChanges(change, current.settings);
  if (changes.length === 0 || (await confirm(changes))) return;
  throw new ContractError(
    'failed',
    `settings not changed: ${changes.map((c) => c.setting).join(', ')} need your confirmation in Plumbline's dialog, which was not given`,
  );
}
