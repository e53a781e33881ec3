// The health of one object, decided as Argo CD decides it: an object being deleted is
// Progressing; otherwise a custom Lua check for its kind, if there is one, else the
// built-in check; a kind with neither has no health.
import { builtInCheck } from './checks/registry.ts';
import type { HealthCustomizations } from './customizations.ts';
import { hasHookFinalizer } from './hooks.ts';
import { runHealthScript } from './lua/sandbox.ts';
import { groupVersionKind } from './object.ts';
import { health, HealthCheckError, type HealthResult, type KubeObject } from './types.ts';

function unknown(error: unknown): HealthResult {
  if (error instanceof HealthCheckError) return health('Unknown', error.message);
  // A bug in a check must not stop the other objects being judged.
  return health('Unknown', `health check failed: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Judges one live object. Synchronous: scripts run in a bounded sandbox (one second by
 * default). Returns null for kinds that have no health check.
 */
export function healthOf(obj: KubeObject, customizations?: HealthCustomizations): HealthResult | null {
  // A hook held by Argo CD's finalizer is still judged, so its sync phase can finish.
  if (obj.metadata?.deletionTimestamp && !hasHookFinalizer(obj))
    return health('Progressing', 'Pending deletion');
  const { group, kind } = groupVersionKind(obj);
  const custom = customizations?.scriptFor(group, kind);
  if (customizations && custom) {
    if ('error' in custom) return health('Unknown', custom.error);
    try {
      return runHealthScript(custom.script, obj, customizations.timeoutMs);
    } catch (error) {
      return unknown(error);
    }
  }
  const check = builtInCheck(group, kind);
  if (!check) return null;
  try {
    return check(obj);
  } catch (error) {
    return unknown(error);
  }
}

/** Whether objects of this kind have a health check, built in or custom. */
export function hasHealthCheck(obj: KubeObject, customizations?: HealthCustomizations): boolean {
  const { group, kind } = groupVersionKind(obj);
  return customizations?.scriptFor(group, kind) !== undefined || builtInCheck(group, kind) !== undefined;
}
