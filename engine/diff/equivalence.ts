// When two spellings mean the same object to Kubernetes. Built-in kinds are Go structs whose
// omitempty fields vanish when empty or zero, so git's `env: []` or `hostNetwork: false`
// equals a live object without them; custom resources are stored as given, so only their
// metadata (still a Go struct) gets that leniency.
import { isObject, type PathSegment } from './json.ts';

/** What shapes an object's fields: whether its kind is built in (Go structs) and which it is. */
export interface ObjectShape {
  builtIn: boolean;
  kind: string;
}

export interface FieldContext extends ObjectShape {
  path: readonly PathSegment[];
}

/** Maps whose entries are data: an empty or zero value there is a real value. */
const DATA_MAPS = new Set([
  'data',
  'binaryData',
  'stringData',
  'labels',
  'annotations',
  'nodeSelector',
  'matchLabels',
  'selector',
  'parameters',
]);

/** Pointer fields where zero differs from absent (absent means "the default", which is not zero). */
const MEANINGFUL_ZEROS = new Set([
  'automountServiceAccountToken',
  'allowPrivilegeEscalation',
  'hostUsers',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'replicas',
  'ttlSecondsAfterFinished',
  'startingDeadlineSeconds',
  'activeDeadlineSeconds',
]);

/** An empty object that is a choice, not an absence: `emptyDir: {}` selects the volume type. */
const MEANINGFUL_EMPTY = new Set(['emptyDir']);

/** IntOrString fields: `8080` and `"8080"` are the same port. */
const INT_OR_STRING = new Set(['port', 'targetPort', 'maxSurge', 'maxUnavailable', 'minAvailable']);

export function isEmptyContainer(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

function isZero(value: unknown): boolean {
  return value === false || value === 0 || value === '';
}

function shapedByGo(ctx: FieldContext): boolean {
  return ctx.builtIn || ctx.path[0] === 'metadata';
}

/** True when a field with this value reads the same as no field at all. */
export function isAbsentLike(value: unknown, ctx: FieldContext): boolean {
  if (value === undefined || value === null) return true;
  const field = ctx.path[ctx.path.length - 1];
  const parent = ctx.path[ctx.path.length - 2];
  if (typeof field !== 'string' || (typeof parent === 'string' && DATA_MAPS.has(parent))) return false;
  if (!shapedByGo(ctx)) return false;
  if (isEmptyContainer(value)) return !MEANINGFUL_EMPTY.has(field);
  return ctx.builtIn && isZero(value) && !MEANINGFUL_ZEROS.has(field);
}

/** Equality of two scalars at a field, allowing the spellings Kubernetes treats as one. */
export function scalarsEqual(a: unknown, b: unknown, ctx: FieldContext): boolean {
  if (a === b) return true;
  const field = ctx.path[ctx.path.length - 1];
  if (typeof field !== 'string' || !INT_OR_STRING.has(field)) return false;
  return (typeof a === 'number' && String(a) === b) || (typeof b === 'number' && String(b) === a);
}
