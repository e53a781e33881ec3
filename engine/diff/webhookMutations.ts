// Server-side diff without what mutation webhooks add, as gitops-engine's removeWebhookMutation
// does: of the dry run's predicted object, only the fields the applying manager owns (its
// managedFields) are taken; every other field keeps its live value, and what live has that the
// prediction dropped stays dropped. A webhook's change lands in fields nobody applied, so it
// disappears from the diff; `IncludeMutationWebhook=true` keeps it.
import { describeKey, objectKey } from './identity.ts';
import { deepCopy, deepEqual, isObject } from './json.ts';
import { keyValue } from './lists.ts';
import { managedFieldsOf } from './managedFields.ts';
import type { KubeObject } from './types.ts';

type Owned = Record<string, unknown>;

/** The union of the manager's FieldsV1 sets (only the tree's shape matters here). */
function ownedBy(predicted: KubeObject, manager: string): Owned {
  const entries = managedFieldsOf(predicted);
  const what = describeKey(objectKey(predicted));
  if (entries.length === 0) throw new Error(`predictedLive for resource ${what} must have the managedFields`);
  const merged: Owned = {};
  const merge = (into: Owned, from: unknown) => {
    if (!isObject(from)) return;
    for (const [token, child] of Object.entries(from)) {
      const existing = isObject(into[token]) ? (into[token] as Owned) : {};
      merge(existing, child);
      into[token] = existing;
    }
  };
  for (const entry of entries) if (entry.manager === manager) merge(merged, entry.fieldsV1);
  if (Object.keys(merged).length === 0) throw new Error(`no managed fields found for manager: ${manager}`);
  return merged;
}

/** The FieldsV1 token naming one list item, matched against `item`; or whether a live item matches it. */
function tokenMatches(token: string, item: unknown, index: number): boolean {
  const body = token.slice(2);
  try {
    if (token.startsWith('i:')) return Number(body) === index;
    if (token.startsWith('v:')) return deepEqual(JSON.parse(body), item);
    if (token.startsWith('k:')) {
      const key: unknown = JSON.parse(body);
      return (
        isObject(key) &&
        Object.entries(key).every(([field, value]) => deepEqual(keyValue(item, field), value))
      );
    }
  } catch {
    return false;
  }
  return false;
}

function itemTokens(owned: Owned | undefined): string[] {
  return Object.keys(owned ?? {}).filter((token) => /^[ikv]:/.test(token));
}

/** The live item that is the same list item as `item`: same key fields, same value, or same index. */
function liveItemFor(item: unknown, index: number, live: unknown[], tokens: string[]): unknown {
  const keyToken = tokens.find((token) => token.startsWith('k:'));
  if (keyToken !== undefined) {
    const fields = Object.keys(JSON.parse(keyToken.slice(2)) as Record<string, unknown>);
    return live.find((candidate) =>
      fields.every((f) => deepEqual(keyValue(candidate, f), keyValue(item, f))),
    );
  }
  if (tokens.some((token) => token.startsWith('v:')))
    return live.find((candidate) => deepEqual(candidate, item));
  return live[index];
}

function keepOwned(predicted: unknown, live: unknown, owned: Owned | undefined): unknown {
  if (owned !== undefined && Object.keys(owned).length === 0) return predicted; // owned whole
  if (isObject(predicted)) {
    const result: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(predicted)) {
      const child = owned?.[`f:${k}`] as Owned | undefined;
      if (child !== undefined) result[k] = keepOwned(value, isObject(live) ? live[k] : undefined, child);
      else if (isObject(live) && k in live) result[k] = deepCopy(live[k]);
    }
    return result;
  }
  if (Array.isArray(predicted)) {
    const liveItems = Array.isArray(live) ? live : [];
    const tokens = itemTokens(owned);
    const result: unknown[] = [];
    predicted.forEach((item, i) => {
      const token = tokens.find((t) => tokenMatches(t, item, i));
      const liveItem = liveItemFor(item, i, liveItems, tokens);
      if (token !== undefined) result.push(keepOwned(item, liveItem, owned?.[token] as Owned));
      else if (liveItem !== undefined) result.push(deepCopy(liveItem));
    });
    return result;
  }
  return owned === undefined ? live : predicted;
}

function withoutOwners(obj: KubeObject): KubeObject {
  const { managedFields: _owners, ...metadata } = isObject(obj.metadata) ? obj.metadata : {};
  return { ...obj, metadata };
}

/** `predicted` with only what `manager` applied; the rest as live has it. */
export function withoutWebhookMutations(
  predicted: KubeObject,
  live: KubeObject,
  manager: string,
): KubeObject {
  // A prediction that changes nothing (or the live object standing for one) has nothing to remove.
  if (deepEqual(withoutOwners(predicted), withoutOwners(live))) return predicted;
  const owned = ownedBy(predicted, manager);
  const kept = keepOwned(predicted, live, owned) as KubeObject;
  // Identity is the prediction's whoever owns it (a cached live object may lack apiVersion).
  const { name, namespace } = predicted.metadata ?? {};
  const identity = {
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
  return {
    ...kept,
    apiVersion: predicted.apiVersion,
    kind: predicted.kind,
    metadata: { ...(isObject(kept.metadata) ? kept.metadata : {}), ...identity },
  };
}
