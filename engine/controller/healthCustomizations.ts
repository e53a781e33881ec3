// The user's Lua health checks (Argo CD's resource_customizations layout), from
// PLUMBLINE_HEALTH_CUSTOMIZATIONS or the setting, loaded once when first needed. A folder that
// cannot be read leaves the built-in checks in charge rather than stopping comparisons.
import { loadHealthCustomizations, type HealthCustomizations } from '../health/index.ts';
import type { SettingsFile } from '../store/settings.ts';

export function lazyHealthCustomizations(
  env: Record<string, string | undefined>,
  settings: SettingsFile,
): () => Promise<HealthCustomizations | undefined> {
  let loading: Promise<HealthCustomizations | undefined> | null = null;
  return () => {
    loading ??= (async () => {
      const dir = env.PLUMBLINE_HEALTH_CUSTOMIZATIONS || (await settings.read()).healthCustomizations;
      return dir ? loadHealthCustomizations(dir).catch(() => undefined) : undefined;
    })();
    return loading;
  };
}
