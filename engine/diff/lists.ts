// How Kubernetes identifies the items of a list (its merge keys: containers by name, volume
// mounts by mountPath, ports by port and protocol, ...), so that lists are matched item by
// item rather than by position, and a moved or inserted item shows as just that.
import { isObject } from './json.ts';

/** Merge keys of built-in types, by the list's field name (strategic-merge-patch / SSA keys). */
const KEYS_BY_FIELD: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  webhooks: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  hostAliases: ['ip'],
  ownerReferences: ['uid'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

/** The server fills these in before it keys the item, so a key read from git must too. */
const KEY_FIELD_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

function keyFieldsFor(field: string, items: readonly unknown[]): readonly string[] | undefined {
  if (field !== 'ports') return KEYS_BY_FIELD[field];
  // Container ports are keyed by containerPort, Service (and other) ports by port; both with protocol.
  if (items.some((item) => isObject(item) && 'containerPort' in item)) return ['containerPort', 'protocol'];
  return ['port', 'protocol'];
}

export type ItemKey = (item: unknown) => string | undefined;

export function keyValue(item: unknown, field: string): unknown {
  const value = isObject(item) ? item[field] : undefined;
  return value ?? KEY_FIELD_DEFAULTS[field];
}

/**
 * How to identify the items of `lists` (the same field on both sides), or undefined when
 * they are matched by position: an unknown list, an item without its key, or a duplicate key.
 */
export function itemKeyFor(
  field: string | number | undefined,
  lists: readonly (readonly unknown[])[],
): ItemKey | undefined {
  if (typeof field !== 'string') return undefined;
  const fields = keyFieldsFor(
    field,
    lists.flatMap((list) => list),
  );
  if (fields === undefined) return undefined;
  const key: ItemKey = (item) => {
    const values = fields.map((f) => keyValue(item, f));
    return values.some((v) => v === undefined) ? undefined : JSON.stringify(values);
  };
  for (const list of lists) {
    const keys = list.map(key);
    if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
  }
  return key;
}

export interface ItemPair {
  a?: number;
  b?: number;
}

/** Items of `a` and `b` paired by key: `a`'s order first, then items only in `b`. */
export function pairItems(a: readonly unknown[], b: readonly unknown[], key: ItemKey): ItemPair[] {
  const bIndex = new Map(b.map((item, i) => [key(item), i]));
  const pairs: ItemPair[] = a.map((item, i) => ({ a: i, b: bIndex.get(key(item)) }));
  const paired = new Set(pairs.map((p) => p.b));
  b.forEach((_, i) => {
    if (!paired.has(i)) pairs.push({ b: i });
  });
  return pairs;
}

/** Whether the items both lists share come in the same relative order. */
export function sameRelativeOrder(a: readonly unknown[], b: readonly unknown[], key: ItemKey): boolean {
  const inB = new Set(b.map(key));
  const inA = new Set(a.map(key));
  const sharedA = a.map(key).filter((k) => inB.has(k));
  const sharedB = b.map(key).filter((k) => inA.has(k));
  return sharedA.every((k, i) => k === sharedB[i]);
}
