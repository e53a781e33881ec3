// The client-side prediction of what the live object becomes when git's object is applied:
// git's fields laid over the live object, so that what the server added (defaults, status,
// fields other managers own) stays as it is and only what git sets is judged. This is how
// gitops-engine's two-way diff sees it, without needing the Go types.
import { isAbsentLike, isEmptyContainer, type ObjectShape } from './equivalence.ts';
import { isObject, type PathSegment } from './json.ts';
import { itemKeyFor, sameRelativeOrder, type ItemKey } from './lists.ts';

function overlayKeyed(
  live: unknown[],
  desired: unknown[],
  key: ItemKey,
  path: PathSegment[],
  ctx: ObjectShape,
): unknown[] {
  const liveByKey = new Map(live.map((item) => [key(item), item]));
  const merged = desired.map((item, i) => overlay(liveByKey.get(key(item)), item, ctx, [...path, i]));
  const desiredKeys = new Set(desired.map(key));
  const liveOnly = live.filter((item) => !desiredKeys.has(key(item)));
  if (!sameRelativeOrder(live, desired, key)) return [...merged, ...liveOnly];
  // Keep live's order: items only live has stay where they are; new items follow the git
  // item before them.
  const result: unknown[] = [];
  let next = 0;
  for (const item of live) {
    const k = key(item);
    if (!desiredKeys.has(k)) {
      result.push(item);
      continue;
    }
    while (next < desired.length) {
      const candidate = key(desired[next]);
      result.push(merged[next]);
      next += 1;
      if (candidate === k) break;
    }
  }
  return [...result, ...merged.slice(next)];
}

function overlayList(live: unknown[], desired: unknown[], path: PathSegment[], ctx: ObjectShape): unknown[] {
  if (!desired.every(isObject) || !live.every(isObject)) return desired;
  const key = itemKeyFor(path[path.length - 1], [live, desired]);
  if (key !== undefined) return overlayKeyed(live, desired, key, path, ctx);
  // Items without a merge key are matched by position; git's length wins.
  return desired.map((item, i) => overlay(live[i], item, ctx, [...path, i]));
}

/**
 * `desired` laid over `live`: objects merge, keyed lists merge by key, other values replace.
 * An empty list or map that Go would omit sets nothing, as in gitops-engine (it never reaches
 * the server); what it used to hold is removed only if a previous apply recorded it.
 */
export function overlay(
  live: unknown,
  desired: unknown,
  ctx: ObjectShape,
  path: PathSegment[] = [],
): unknown {
  if (desired === undefined) return live;
  if (isObject(live) && isObject(desired)) {
    const result: Record<string, unknown> = { ...live };
    for (const [k, value] of Object.entries(desired)) {
      const fieldPath = [...path, k];
      if (isEmptyContainer(value) && isAbsentLike(value, { ...ctx, path: fieldPath })) continue;
      result[k] = overlay(live[k], value, ctx, fieldPath);
    }
    return result;
  }
  if (Array.isArray(live) && Array.isArray(desired)) return overlayList(live, desired, path, ctx);
  return desired;
}
