// `RespectIgnoreDifferences=true`: what the sync applies keeps the live values of the fields
// ignoreDifferences ignores, as Argo CD's normalizeTargetResources does — the desired object
// without what the rules ignore, then the live object's ignored fields put back (a field live
// does not have stays absent). `status` is never carried over: it belongs to the object's
// controller. Only the rules' machinery of the comparison is used (the same matching, jq, trusted
// managers), so a sync keeps exactly what the diff does not judge.
import { applyIgnoreRules, DEFAULT_JQ_TIMEOUT_MS, ruleMatches, statusRules } from './ignoreRules.ts';
import { deepCopy, deepEqual, isObject, type PathSegment } from './json.ts';
import { itemKeyFor } from './lists.ts';
import { managedFieldsOf } from './managedFields.ts';
import { dropTrustedManagerFields } from './trustedManagers.ts';
import type { CompareOptions, KubeObject } from './types.ts';

type Settings = Pick<
  CompareOptions,
  'ignoreDifferences' | 'ignoreResourceStatusField' | 'ignoreAggregatedRoles' | 'jqTimeoutMs'
>;

function restoreList(
  target: unknown,
  live: unknown[],
  normalizedLive: unknown[],
  field: PathSegment | undefined,
) {
  const wanted = Array.isArray(target) ? target : [];
  const key = itemKeyFor(field, [live, normalizedLive, wanted]);
  if (key === undefined) {
    // Matched by position while the rules removed no item; otherwise the list is one value.
    if (live.length !== normalizedLive.length) return deepCopy(live);
    return wanted.map((item, i) => (i < live.length ? restore(item, live[i], normalizedLive[i], i) : item));
  }
  const kept = new Map(normalizedLive.map((item) => [key(item), item]));
  const liveByKey = new Map(live.map((item) => [key(item), item]));
  const result = wanted.map((item) => {
    const liveItem = liveByKey.get(key(item));
    return liveItem === undefined ? item : restore(item, liveItem, kept.get(key(item)), field);
  });
  const present = new Set(wanted.map(key));
  for (const item of live) if (!kept.has(key(item)) && !present.has(key(item))) result.push(deepCopy(item));
  return result;
}

/** `target` with what the rules removed from `live` (live → normalizedLive) put back. */
function restore(target: unknown, live: unknown, normalizedLive: unknown, field?: PathSegment): unknown {
  if (deepEqual(live, normalizedLive)) return target;
  if (Array.isArray(live) && Array.isArray(normalizedLive))
    return restoreList(target, live, normalizedLive, field);
  if (!isObject(live) || !isObject(normalizedLive)) return deepCopy(live);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, value] of Object.entries(live)) {
    result[k] = k in normalizedLive ? restore(result[k], value, normalizedLive[k], k) : deepCopy(value);
    if (result[k] === undefined) delete result[k];
  }
  return result;
}

/** What a sync with `RespectIgnoreDifferences=true` applies for `desired` over `live`. */
export async function withIgnoredLiveValues(
  desired: KubeObject,
  live: KubeObject,
  settings: Settings,
): Promise<KubeObject> {
  const ctx = {
    rules: [...statusRules(settings.ignoreResourceStatusField), ...(settings.ignoreDifferences ?? [])],
    ignoreAggregatedRoles: settings.ignoreAggregatedRoles ?? false,
    jqTimeoutMs: settings.jqTimeoutMs ?? DEFAULT_JQ_TIMEOUT_MS,
    warnings: [] as string[],
  };
  const liveWithoutStatus = deepCopy(live);
  delete liveWithoutStatus.status;
  const target = await applyIgnoreRules(desired, ctx);
  const normalizedLive = await applyIgnoreRules(liveWithoutStatus, ctx);
  const trusted = ctx.rules
    .filter((rule) => ruleMatches(rule, live))
    .flatMap((r) => r.managedFieldsManagers ?? []);
  dropTrustedManagerFields(trusted, managedFieldsOf(live), target, normalizedLive);
  return restore(target, liveWithoutStatus, normalizedLive) as KubeObject;
}
