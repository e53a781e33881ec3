// Reading what a Lua action script returned, with Argo CD's rules (util/lua): discovery gives a
// table of actions by name; an action gives the changed object (old style, a patch) or a list of
// `{operation = "patch"|"create", resource = obj}` (new style). Lua cannot tell an empty object
// from an empty array, so an empty table where the live object had an object is an object again.
import type { KubeObject } from '../diff/index.ts';
import type { ActionParam, ImpactedResource, ResourceAction } from './types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function params(value: unknown): ActionParam[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((param) => {
    const name = text(param.name);
    if (!name) return [];
    const type = text(param.type);
    const fallback = text(param.default);
    return [{ name, ...(type ? { type } : {}), ...(fallback !== undefined ? { default: fallback } : {}) }];
  });
}

/**
 * The actions one discovery script offers, added to `into` unless an earlier script named them
 * (Argo CD keeps the first). An action whose value is an empty table is offered plainly; one
 * is disabled only when `disabled` is the boolean true.
 */
export function addDiscovered(into: Map<string, ResourceAction>, value: unknown, scriptName: string): void {
  if (Array.isArray(value) && value.length === 0) return; // an empty table: no actions
  if (!isRecord(value)) throw new Error(`${scriptName}: expect table output from Lua script, not a list`);
  for (const [name, spec] of Object.entries(value)) {
    if (into.has(name)) continue;
    const action: ResourceAction = { name, disabled: false, params: [], source: 'lua' };
    if (isRecord(spec)) {
      action.disabled = spec.disabled === true;
      const iconClass = text(spec.iconClass);
      const displayName = text(spec.displayName);
      if (iconClass) action.iconClass = iconClass;
      if (displayName) action.displayName = displayName;
      action.params = params(spec.params);
    }
    into.set(name, action);
  }
}

/** Argo CD's cleanReturnedObj: empty arrays that were objects in the live object become objects. */
export function cleanReturned(next: unknown, live: unknown): unknown {
  if (isRecord(next) && isRecord(live)) {
    const out: Record<string, unknown> = { ...next };
    for (const key of Object.keys(live)) {
      if (!Object.hasOwn(next, key)) continue;
      const was = live[key];
      const now = next[key];
      if (Array.isArray(now) && now.length === 0 && isRecord(was)) out[key] = {};
      else out[key] = cleanReturned(now, was);
    }
    return out;
  }
  if (Array.isArray(next) && Array.isArray(live))
    return next.map((item, i) => (i < live.length ? cleanReturned(item, live[i]) : item));
  return next;
}

function asObject(value: unknown, what: string): KubeObject {
  if (!isRecord(value)) throw new Error(`${what} is not an object`);
  return value as KubeObject;
}

/** What an action script's return value asks for, patches cleaned against the live object. */
export function impactedResources(value: unknown, live: KubeObject, scriptName: string): ImpactedResource[] {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error(`${scriptName}: Lua output was not a valid json object or array`);
    return value.map((entry, i) => {
      const what = `${scriptName}: item ${i + 1} of the returned list`;
      if (!isRecord(entry)) throw new Error(`${what} is not a table`);
      const operation = entry.operation;
      if (operation !== 'patch' && operation !== 'create')
        throw new Error(`${what}: unsupported operation: ${JSON.stringify(operation ?? null)}`);
      const resource = asObject(entry.resource, `${what}: resource`);
      return {
        operation,
        resource: operation === 'patch' ? (cleanReturned(resource, live) as KubeObject) : resource,
      };
    });
  }
  const resource = asObject(value, `${scriptName}: the returned value`);
  return [{ operation: 'patch', resource: cleanReturned(resource, live) as KubeObject }];
}
