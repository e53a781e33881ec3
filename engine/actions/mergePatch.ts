// RFC 7386 JSON merge patches. One made from one object to another, as Argo CD sends an action's
// change: changed fields are set, removed fields set to null, arrays replaced whole; nothing
// changed: {}. And one applied, as Argo CD's ApplicationSet controller patches an Application.
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]))
    );
  }
  return false;
}

export function createMergePatch(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    const was = from[key];
    if (Object.hasOwn(from, key) && same(was, value)) continue;
    patch[key] = isRecord(was) && isRecord(value) ? createMergePatch(was, value) : value;
  }
  return patch;
}

/** RFC 7386's apply: maps merged key by key, null removes, anything else replaces. `target` is not changed. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
