// Sync options as Argo CD reads them: the application's list, overridden per object by the
// comma-separated `argocd.argoproj.io/sync-options` annotation.
import type { KubeObject } from '../diff/index.ts';
import { annotation } from './objectMeta.ts';

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

function parse(list: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq > 0) options.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return options;
}

export function objectSyncOptions(obj: KubeObject | undefined): string[] {
  return annotation(obj, SYNC_OPTIONS_ANNOTATION)?.split(',') ?? [];
}

/** The value of one option for an object: its annotation first, then the app's list. */
export function syncOption(
  name: string,
  obj: KubeObject | undefined,
  appOptions: readonly string[] = [],
): string | undefined {
  return parse(objectSyncOptions(obj)).get(name) ?? parse(appOptions).get(name);
}

export function hasSyncOption(
  name: string,
  value: string,
  obj: KubeObject | undefined,
  appOptions: readonly string[] = [],
): boolean {
  return syncOption(name, obj, appOptions)?.toLowerCase() === value.toLowerCase();
}
