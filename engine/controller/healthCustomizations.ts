// The user's Lua health checks: a folder in Argo CD's resource_customizations layout
// (PLUMBLINE_HEALTH_CUSTOMIZATIONS or the setting) and per-kind scripts from the settings, loaded
// when first needed and again after the settings change (reset). A folder (or settings file) that cannot be read leaves the built-in
// checks in charge rather than stopping comparisons, and says so on every application.
import {
  healthCustomizationsFromSettings,
  loadHealthCustomizations,
  type HealthCustomizations,
} from '../health/index.ts';
import { settingsActions, type SettingsActions } from '../actions/settingsActions.ts';
import type { SettingsFile } from '../store/settings.ts';

export interface HealthCustomizationsLoader {
  (): Promise<HealthCustomizations | undefined>;
  /** Why the user's checks are not in use, once loading failed. */
  problem(): string | null;
  /** The settings changed: load again when next needed. */
  reset(): void;
  /** The customizations folder in use (it holds the Lua resource actions too), if any. */
  folder(): Promise<string | undefined>;
  /** The resource actions of the settings (`resourceActions`), compiled once per settings change. */
  actions(): Promise<SettingsActions>;
}

export function lazyHealthCustomizations(
  env: Record<string, string | undefined>,
  settings: SettingsFile,
): HealthCustomizationsLoader {
  let loading: Promise<HealthCustomizations | undefined> | null = null;
  let actions: Promise<SettingsActions> | null = null;
  let problem: string | null = null;
  const failed = (what: string) => (error: unknown) => {
    problem = `${what} could not be loaded, so the built-in health checks are used: ${(error as Error).message}`;
    return undefined;
  };
  const load = async (): Promise<HealthCustomizations | undefined> => {
    const { healthCustomizations, resourceHealthChecks } = await settings.read();
    const dir = env.PLUMBLINE_HEALTH_CUSTOMIZATIONS || healthCustomizations;
    const fromSettings = resourceHealthChecks ?? {};
    if (dir)
      return loadHealthCustomizations(dir, { settings: fromSettings }).catch(
        failed(`the health customizations in ${dir}`),
      );
    return Object.keys(fromSettings).length > 0 ? healthCustomizationsFromSettings(fromSettings) : undefined;
  };
  return Object.assign(() => (loading ??= load().catch(failed('the health checks of the settings'))), {
    problem: () => problem,
    reset: () => {
      loading = null;
      actions = null;
      problem = null;
    },
    folder: async () =>
      env.PLUMBLINE_HEALTH_CUSTOMIZATIONS ||
      (await settings.read().catch(() => undefined))?.healthCustomizations ||
      undefined,
    actions: () =>
      (actions ??= settings
        .read()
        .then(({ resourceActions }) => settingsActions(resourceActions))
        .catch((error: unknown) => ({ byKind: new Map(), problems: [(error as Error).message] }))),
  });
}
