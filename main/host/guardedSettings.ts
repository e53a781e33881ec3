// Settings a compromised page must not change by itself: the programs Plumbline runs (every
// `tools.*` entry, present and future), the workspace, whose Applications it deploys with the
// user's credentials, and the render sandbox (remote fetches, the limits that protect the machine). The desktop shell asks the user in a main-process dialog before such
// a change from the window applies; the headless host refuses it over the WebSocket (it is made
// in config.json, which the running host applies at once). Every other setting is classified
// here too, so a new one cannot be added without deciding.
import type { EditableSettings } from '../../engine/api/contract.ts';

type Guard = 'confirm' | 'free';

/** `Record` over every key: the type checker fails when a setting is added and not classified. */
export const settingGuards: Record<keyof EditableSettings, Guard> = {
  workspace: 'confirm',
  tools: 'confirm',
  render: 'confirm', // remote kustomize bases and schema $refs, output, object and memory limits
  healthCustomizations: 'free', // Lua scripts run in the engine's sandbox, never as a program
  operationLeaseNamespace: 'free',
  reconciliation: 'free',
  gitAuthor: 'free',
};

/** A guarded setting a change would give a new value, with that value (null: the default). */
export interface GuardedChange {
  setting: string;
  value: string | number | boolean | null;
}

/** The guarded settings `change` sets to something else than they are now. */
export function guardedChanges(
  change: Partial<EditableSettings>,
  current: EditableSettings,
): GuardedChange[] {
  const changes: GuardedChange[] = [];
  const compare = (setting: string, next: unknown, now: unknown) => {
    if (next === undefined || next === now) return;
    const plain = ['string', 'number', 'boolean'].includes(typeof next);
    changes.push({ setting, value: plain ? (next as GuardedChange['value']) : null });
  };
  for (const key of Object.keys(change) as Array<keyof EditableSettings>) {
    if (settingGuards[key] !== 'confirm') continue;
    const next: unknown = change[key];
    const now: unknown = current[key];
    if (next !== null && typeof next === 'object') {
      const nested = (now ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(next))
        compare(`${key}.${name}`, value, nested[name] ?? null);
    } else compare(key, next, now ?? null);
  }
  return changes;
}

/** One line per change, for a dialog or an error: `tools.helm → /usr/local/bin/helm`. */
export function describeGuardedChanges(changes: readonly GuardedChange[]): string {
  return changes.map(({ setting, value }) => `${setting} → ${String(value ?? '(the default)')}`).join('\n');
}
