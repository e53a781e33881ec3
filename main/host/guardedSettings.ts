// Settings a compromised page must not change by itself, because they turn a compromised page
// into code running on this machine or into deployments made with the user's credentials: the
// programs Plumbline runs (every `tools.*` entry, present and future) and the workspace, whose
// Applications it deploys. The desktop shell asks the user in a main-process dialog before such
// a change from the window applies; the headless host refuses it over the WebSocket (it is made
// in config.json, which the running host applies at once). Every other setting is classified
// here too, so a new one cannot be added without deciding.
import { isDeepStrictEqual } from 'node:util';
import type { EditableSettings } from '../../engine/api/contract.ts';

type Guard = 'confirm' | 'free';

/** `Record` over every key: the type checker fails when a setting is added and not classified. */
export const settingGuards: Record<keyof EditableSettings, Guard> = {
  workspace: 'confirm',
  tools: 'confirm',
  // limits and remote fetches of renders: no program and no path, the repository decides anyway
  render: 'free',
  healthCustomizations: 'free', // Lua scripts run in the engine's sandbox, never as a program
  operationLeaseNamespace: 'free',
  // which cluster in-cluster applications deploy to: as free as editing their destination
  inClusterDestination: 'free',
  // where generators may send the user's SCM tokens: a page adding its own server would get them
  allowedScmProviders: 'confirm',
  reconciliation: 'free',
  // which live objects count as an application's, so which ones its prune deletes: label tracking
  // would claim whatever carries app.kubernetes.io/instance (Helm charts set it themselves)
  application: 'confirm',
  installationID: 'confirm',
  gitAuthor: 'free',
};

/** A guarded setting a change would give a new value, with that value (null: the default). */
export interface GuardedChange {
  setting: string;
  /** the new value; null: the default */
  value: unknown;
}

/** The guarded settings `change` sets to something else than they are now. */
export function guardedChanges(
  change: Partial<EditableSettings>,
  current: EditableSettings,
): GuardedChange[] {
  const changes: GuardedChange[] = [];
  const compare = (setting: string, next: unknown, now: unknown) => {
    // the Settings view sends every setting: only a different value is a change
    if (next !== undefined && !isDeepStrictEqual(next, now ?? null)) changes.push({ setting, value: next });
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
  return changes
    .map(
      ({ setting, value }) =>
        `${setting} → ${value === null ? '(the default)' : typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join('\n');
}
