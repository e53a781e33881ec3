// The health of one object, decided as Argo CD decides it: an object being deleted is
// Progressing; otherwise a custom Lua check for its kind, if there is one, else the
// built-in check; a kind with neither has no health.
import { builtInCheck } from './checks/registry.ts';
import type { HealthCustomizations } from './customizations.ts';
import { hasHookFinalizer } from './hooks.ts';
import { runHealthScripts, type ScriptCheck } from './lua/runner.ts';
import { groupVersionKind } from './object.ts';
import { health, HealthCheckError, type HealthResult, type KubeObject } from './types.ts';

function unknown(error: unknown): HealthResult {
  if (error instanceof HealthCheckError) return health('Unknown', error.message);
  // A bug in a check must not stop the other objects being judged.
  return health('Unknown', `health check failed: ${error instanceof Error ? error.message : String(error)}`);
}

function isBeingDeleted(obj: KubeObject): boolean {
  // A hook held by Argo CD's finalizer is still judged, so its sync phase can finish.
  return Boolean(obj.metadata?.deletionTimestamp) && !hasHookFinalizer(obj);
}

/**
 * Judges one live object with the built-in checks only (no Lua), synchronously. Returns null
 * for kinds that have no built-in check.
 */
export function builtInHealth(obj: KubeObject): HealthResult | null {
  if (isBeingDeleted(obj)) return health('Progressing', 'Pending deletion');
  const { group, kind } = groupVersionKind(obj);
  const check = builtInCheck(group, kind);
  if (!check) return null;
  try {
    return check(obj);
  } catch (error) {
    return unknown(error);
  }
}

/**
 * Judges live objects, in order: custom Lua checks run together in the health worker, with
 * their time and memory limits (a check that breaks one is Unknown, saying which); the other
 * objects get the built-in checks. Null for kinds that have no health check.
 */
export async function healthOfEach(
  objects: readonly KubeObject[],
  customizations?: HealthCustomizations,
): Promise<Array<HealthResult | null>> {
  const results: Array<HealthResult | null> = [];
  const checks: ScriptCheck[] = [];
  const checked: number[] = [];
  for (const [index, obj] of objects.entries()) {
    const { group, kind } = groupVersionKind(obj);
    const custom = isBeingDeleted(obj) ? undefined : customizations?.scriptFor(group, kind);
    if (!customizations || !custom) results.push(builtInHealth(obj));
    else if ('error' in custom) results.push(health('Unknown', custom.error));
    else {
      results.push(null);
      checks.push({ script: custom.script, obj, timeoutMs: customizations.timeoutMs });
      checked.push(index);
    }
  }
  for (const [i, result] of (await runHealthScripts(checks)).entries()) results[checked[i]!] = result;
  return results;
}

/** Judges one live object; see {@link healthOfEach}. */
export async function healthOf(
  obj: KubeObject,
  customizations?: HealthCustomizations,
): Promise<HealthResult | null> {
  const [result] = await healthOfEach([obj], customizations);
  return result ?? null;
}

/** Whether objects of this kind have a health check, built in or custom. */
export function hasHealthCheck(obj: KubeObject, customizations?: HealthCustomizations): boolean {
  const { group, kind } = groupVersionKind(obj);
  return customizations?.scriptFor(group, kind) !== undefined || builtInCheck(group, kind) !== undefined;
}

/**
 * Judges objects together (the Lua checks in one round trip to the health worker) and answers
 * for each of them afterwards; an object it was not given has no health.
 */
export async function healthLookup(
  objects: Iterable<KubeObject>,
  customizations?: HealthCustomizations,
): Promise<(obj: KubeObject) => HealthResult | null> {
  const judged = [...new Set(objects)];
  const results = await healthOfEach(judged, customizations);
  const byObject = new Map(judged.map((obj, i) => [obj, results[i] ?? null]));
  return (obj) => byObject.get(obj) ?? null;
}
