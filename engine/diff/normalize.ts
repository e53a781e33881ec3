// Normalisations applied to every object before comparing, on both sides: the spellings that
// the API server would store differently from git (quantities, Secret `stringData`, nulls) and
// the bookkeeping it adds that is not state (resourceVersion, managedFields, ...).
import { Buffer } from 'node:buffer';
import { isSecret } from './identity.ts';
import { deepCopy, isObject, type PathSegment } from './json.ts';
import { canonicalQuantity } from './quantity.ts';
import type { KubeObject } from './types.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Written by the API server on every write; never part of what git declares. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
];

const QUANTITY_MAPS = new Set(['hard', 'used', 'capacity', 'allocatable', 'overhead']);
const LIMIT_RANGE_MAPS = new Set(['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']);

/** Where Kubernetes types hold resource.Quantity values, recognised by the field path. */
function isQuantityField(path: readonly PathSegment[], kind: string): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const grandparent = path[path.length - 3];
  if (last === 'sizeLimit') return true;
  if (typeof parent !== 'string') return false;
  if ((parent === 'limits' || parent === 'requests') && grandparent === 'resources') return true;
  if (QUANTITY_MAPS.has(parent)) return true;
  return kind === 'LimitRange' && LIMIT_RANGE_MAPS.has(parent);
}

/** Drops nulls (Go decodes them to zero values, which it omits) and canonicalises quantities. */
function normalizeValues(value: unknown, path: PathSegment[], kind: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => normalizeValues(item, [...path, i], kind));
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== null) result[key] = normalizeValues(child, [...path, key], kind);
    }
    return result;
  }
  if (isQuantityField(path, kind)) return canonicalQuantity(value) ?? value;
  return value;
}

/**
 * gitops-engine's NormalizeSecret: `stringData` is write-only sugar for base64 `data`, so it
 * is folded into `data` (its keys win), and missing values read as ''.
 */
export function foldStringData(secret: KubeObject): void {
  const data: Record<string, unknown> = isObject(secret.data) ? secret.data : {};
  for (const [key, value] of Object.entries(data)) if (value === null) data[key] = '';
  if (isObject(secret.stringData) && Object.keys(secret.stringData).length > 0) {
    for (const [key, value] of Object.entries(secret.stringData)) {
      data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
    }
    delete secret.stringData;
  }
  if (isObject(secret.data) || Object.keys(data).length > 0) secret.data = data;
}

/** A normalised copy of any object: desired, live, predicted or last-applied. */
export function normalizeObject(obj: KubeObject): KubeObject {
  const copy = deepCopy(obj);
  if (isSecret(copy)) foldStringData(copy);
  const kind = typeof copy.kind === 'string' ? copy.kind : '';
  const normalized = normalizeValues(copy, [], kind) as KubeObject;
  const metadata = normalized.metadata;
  if (isObject(metadata)) {
    for (const field of SERVER_METADATA) delete metadata[field];
    if (isObject(metadata.annotations)) {
      delete metadata.annotations[LAST_APPLIED_ANNOTATION];
      if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
    }
  }
  return normalized;
}

/** The live object's kubectl last-applied-configuration, parsed; undefined if absent or unreadable. */
export function lastAppliedOf(live: KubeObject): KubeObject | undefined {
  const annotations = isObject(live.metadata) ? live.metadata.annotations : undefined;
  const text = isObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
