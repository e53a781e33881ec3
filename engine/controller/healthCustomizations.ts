// The user's Lua health checks: a folder in Argo CD's resource_customizations layout
// (PLUMBLINE_HEALTH_CUSTOMIZATIONS or the setting) and per-kind scripts from the settings, loaded
// once when first needed. A folder that cannot be read leaves the built-in checks in charge
// rather than stopping comparisons.
import {
  healthCustomizationsFromSettings,
  loadHealthCustomizations,
  type HealthCustomizations,
} from '../health/index.ts';
import type { SettingsFile } from '../store/settings.ts';

export function lazyHealthCustomizations(
  env: Record<string, string | undefined>,
  settings: SettingsFile,
): () => Promise<HealthCustomizations | undefined> {
  let loading: Promise<HealthCustomizations | undefined> | null = null;
  return () => {
    loading ??= (async () => {
      const { healthCustomizations, resourceHealthChecks } = await settings.read();
      const dir = env.PLUMBLINE_HEALTH_CUSTOMIZATIONS || healthCustomizations;
      const fromSettings = resourceHealthChecks ?? {};
      if (dir) return loadHealthCustomizations(dir, { settings: fromSettings }).catch(() => undefined);
      return Object.keys(fromSettings).length > 0
        ? healthCustomizationsFromSettings(fromSettings)
        : undefined;
    })();
    return loading;
  };
}
