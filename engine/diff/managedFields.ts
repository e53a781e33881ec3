// Reading `metadata.managedFields`: which fields each field manager owns, in the FieldsV1
// format (`f:spec`, `k:{"name":"web"}`, `v:"value"`, `i:0`, `.`), and where those fields
// are in a given object. Used for ignoreDifferences' managedFieldsManagers and to see what
// Plumbline's own server-side apply set before.
import { deepEqual, isObject, toPointer, type PathSegment } from './json.ts';
import { keyValue } from './lists.ts';
import type { KubeObject } from './types.ts';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: unknown;
}

/** One step of a field path: a field, a list item by key, by value, or by index. */
export type FieldStep =
  { field: string } | { itemKey: Record<string, unknown> } | { itemValue: unknown } | { itemIndex: number };

export interface OwnedField {
  steps: FieldStep[];
  /** True for a `.` entry: the list item (or map) itself is owned, not just its fields. */
  self: boolean;
}

export function managedFieldsOf(obj: KubeObject): ManagedFieldsEntry[] {
  const entries = isObject(obj.metadata) ? obj.metadata.managedFields : undefined;
  return Array.isArray(entries) ? entries.filter(isObject) : [];
}

function parseStep(token: string): FieldStep | undefined {
  const body = token.slice(2);
  try {
    if (token.startsWith('f:')) return { field: body };
    if (token.startsWith('k:')) {
      const key: unknown = JSON.parse(body);
      return isObject(key) ? { itemKey: key } : undefined;
    }
    if (token.startsWith('v:')) return { itemValue: JSON.parse(body) };
    if (token.startsWith('i:')) return { itemIndex: Number(body) };
  } catch {
    return undefined;
  }
  return undefined;
}

/** The fields one FieldsV1 set owns: its leaves, and its `.` (self) markers. */
export function ownedFields(
  fieldsV1: unknown,
  steps: FieldStep[] = [],
  out: OwnedField[] = [],
): OwnedField[] {
  if (!isObject(fieldsV1)) return out;
  const tokens = Object.keys(fieldsV1);
  if (tokens.length === 0 && steps.length > 0) out.push({ steps, self: false });
  for (const token of tokens) {
    if (token === '.') {
      out.push({ steps, self: true });
      continue;
    }
    const step = parseStep(token);
    if (step !== undefined) ownedFields(fieldsV1[token], [...steps, step], out);
  }
  return out;
}

function findItem(list: unknown[], step: FieldStep): number {
  if ('itemIndex' in step) return step.itemIndex < list.length ? step.itemIndex : -1;
  if ('itemValue' in step) return list.findIndex((item) => deepEqual(item, step.itemValue));
  if ('itemKey' in step) {
    const entries = Object.entries(step.itemKey);
    return list.findIndex((item) =>
      entries.every(([field, value]) => deepEqual(keyValue(item, field), value)),
    );
  }
  return -1;
}

/** Where a field path is in `obj`, as a JSON pointer; undefined when `obj` does not have it. */
export function locate(obj: unknown, steps: readonly FieldStep[]): string | undefined {
  const path: PathSegment[] = [];
  let current = obj;
  for (const step of steps) {
    if ('field' in step) {
      if (!isObject(current) || !Object.hasOwn(current, step.field)) return undefined;
      current = current[step.field];
      path.push(step.field);
    } else {
      if (!Array.isArray(current)) return undefined;
      const index = findItem(current, step);
      if (index < 0) return undefined;
      current = current[index];
      path.push(index);
    }
  }
  return toPointer(path);
}
