// The headless host's rule for guarded settings (see main/host/guardedSettings.ts): no dialog
// can ask the user on this machine's screen for a page in some browser, so over the WebSocket
// they are refused, with the file to edit instead. The CLI on this machine and the file itself
// are the user's own hands; the running host applies an edit of the file at once.
import type { Engine } from '../../engine/index.ts';
import type { CallOrigin } from '../../engine/api/callOrigin.ts';
import type { SettingsView } from '../../engine/api/contract.ts';
import { ContractError } from '../../engine/api/errors.ts';
import { parseCallInput } from '../../engine/api/validate.ts';
import type { CallTarget } from '../../engine/api/rpc.ts';
import { describeGuardedChanges, guardedChanges } from '../host/guardedSettings.ts';

export function gateSettings(engine: Engine): CallTarget & Pick<Engine, 'subscribe'> {
  return {
    subscribe: (listener) => engine.subscribe(listener),
    async dispatch(name: unknown, input: unknown, origin?: CallOrigin) {
      if (name === 'settings.update') {
        const change = parseCallInput('settings.update', input);
        const view = (await engine.dispatch('settings.get', {}, origin)) as SettingsView;
        const refused = guardedChanges(change, view.settings);
        if (refused.length > 0)
          throw new ContractError(
            'failed',
            `settings.update refused: ${refused.map((c) => c.setting).join(', ')} name a program Plumbline ` +
              `runs or the workspace it deploys from, which a browser page may not change ` +
              `(asked: ${describeGuardedChanges(refused).replaceAll('\n', '; ')}). ` +
              `Edit ${view.path} instead: the running host applies it at once.`,
          );
      }
      return engine.dispatch(name, input, origin);
    },
  };
}
