// The structural comparison: which leaves of two normalised objects differ, as JSON pointers.
// List items are matched by their merge keys where Kubernetes has them; a list whose shared
// items come in another order is reported itself, since applying git would reorder it.
import { isAbsentLike, scalarsEqual, type FieldContext, type ObjectShape } from './equivalence.ts';
import { isObject, toPointer, type PathSegment } from './json.ts';
import { itemKeyFor, pairItems, sameRelativeOrder } from './lists.ts';

function fieldContext(ctx: ObjectShape, path: PathSegment[]): FieldContext {
  return { builtIn: ctx.builtIn, kind: ctx.kind, path };
}

/** Every leaf of a value that only one side has, skipping those that read as absent. */
function leavesOf(value: unknown, path: PathSegment[], ctx: ObjectShape, out: string[]): void {
  if (isAbsentLike(value, fieldContext(ctx, path))) return;
  const children: [PathSegment, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  if (children.length === 0) {
    out.push(toPointer(path));
    return;
  }
  for (const [segment, child] of children) leavesOf(child, [...path, segment], ctx, out);
}

function compareLists(
  a: unknown[],
  b: unknown[],
  path: PathSegment[],
  ctx: ObjectShape,
  out: string[],
): void {
  const key = a.every(isObject) && b.every(isObject) ? itemKeyFor(path[path.length - 1], [a, b]) : undefined;
  if (key === undefined) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i], ctx, out);
    return;
  }
  if (!sameRelativeOrder(a, b, key)) out.push(toPointer(path));
  for (const pair of pairItems(a, b, key)) {
    const index = pair.a ?? pair.b ?? 0;
    walk(
      pair.a === undefined ? undefined : a[pair.a],
      pair.b === undefined ? undefined : b[pair.b],
      [...path, index],
      ctx,
      out,
    );
  }
}

function walk(a: unknown, b: unknown, path: PathSegment[], ctx: ObjectShape, out: string[]): void {
  const fc = fieldContext(ctx, path);
  const aAbsent = isAbsentLike(a, fc);
  const bAbsent = isAbsentLike(b, fc);
  if (aAbsent && bAbsent) return;
  if (aAbsent || bAbsent) {
    leavesOf(aAbsent ? b : a, path, ctx, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(a[k], b[k], [...path, k], ctx, out);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    compareLists(a, b, path, ctx, out);
  } else if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b) || !scalarsEqual(a, b, fc)) {
    out.push(toPointer(path));
  }
}

/**
 * Pointers of the leaves where `desired` and `live` differ. Indices in pointers are those of
 * `desired` for items it has, and of `live` for items only live has.
 */
export function changedPaths(desired: unknown, live: unknown, ctx: ObjectShape): string[] {
  const out: string[] = [];
  walk(desired, live, [], ctx, out);
  return out;
}
