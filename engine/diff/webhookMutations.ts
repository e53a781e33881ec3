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

type ItemId = (item: unknown, index: number) => string;

/**
 * How the items of one list are told apart (by their key fields, their value, or their index, as
 * its FieldsV1 tokens `k:`, `v:`, `i:` say), and which token names each owned item.
 */
function listIdentity(owned: Owned | undefined): { id: ItemId; tokenById: Map<string, string> } {
  const tokens = Object.keys(owned ?? {}).filter((token) => /^[ikv]:/.test(token));
  const parse = (token: string): unknown => {
    try {
      return JSON.parse(token.slice(2));
    } catch {
      return undefined;
    }
  };
  const keyToken = tokens.find((token) => token.startsWith('k:'));
  const sample = keyToken === undefined ? undefined : parse(keyToken);
  const fields = isObject(sample) ? Object.keys(sample) : [];
  const id: ItemId =
    keyToken !== undefined
      ? (item) => JSON.stringify(fields.map((f) => keyValue(item, f) ?? null))
      : tokens.some((token) => token.startsWith('v:'))
        ? (item) => JSON.stringify(item)
        : (_item, index) => String(index);
  const tokenById = new Map<string, string>();
  for (const token of tokens) {
    const body = parse(token);
    if (token.startsWith('k:') && isObject(body))
      tokenById.set(JSON.stringify(fields.map((f) => body[f] ?? null)), token);
    else if (token.startsWith('v:') && body !== undefined) tokenById.set(JSON.stringify(body), token);
    else if (token.startsWith('i:')) tokenById.set(String(Number(token.slice(2))), token);
  }
  return { id, tokenById };
}

/** gitops-engine keeps an owned item's key fields whoever owns them: the item is known by them. */
function withKeyFields(kept: unknown, item: unknown, token: string): unknown {
  if (!token.startsWith('k:') || !isObject(kept) || !isObject(item)) return kept;
  const result = { ...kept };
  for (const field of Object.keys(JSON.parse(token.slice(2)) as Record<string, unknown>))
    if (field in item) result[field] = item[field];
  return result;
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
    const { id, tokenById } = listIdentity(owned);
    const liveItems = new Map((Array.isArray(live) ? live : []).map((item, i) => [id(item, i), item]));
    const result: unknown[] = [];
    predicted.forEach((item, i) => {
      const token = tokenById.get(id(item, i));
      const liveItem = liveItems.get(id(item, i));
      if (token !== undefined)
        result.push(withKeyFields(keepOwned(item, liveItem, owned?.[token] as Owned), item, token));
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
