// Checks how deeply a plain value (from YAML, JSON or a cluster's answer) nests, without
// recursion, so the code that walks objects recursively — normalisation, diff, masking,
// hashing — only ever sees values it can walk.
import { limitError } from './limits.ts';

/** How deep `value` nests, counting each object and array; stops early past `max`. */
export function valueDepth(value: unknown, max = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  // Shared references (aliases) are walked once per path, but a value's size is already bounded.
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > max) return deepest;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, level]);
  }
  return deepest;
}

/** Throws a YamlError naming `source` when `value` nests deeper than `max`. */
export function checkValueDepth(value: unknown, max: number, source: string): void {
  const depth = valueDepth(value, max);
  if (depth > max) throw limitError(source, 'depth', max, `values nested more than ${max} levels deep`);
}
