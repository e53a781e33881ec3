// Plain-JSON helpers the diff works with: type tests, deep copy and equality, and RFC 6901
// JSON pointers (read, remove), which is how Argo CD names fields in ignoreDifferences.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

export type PathSegment = string | number;

export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((s) => `/${escapePointerToken(String(s))}`).join('');
}

/** The tokens of a pointer; throws on one that does not start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`JSON pointer ${JSON.stringify(pointer)} must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(token: string, length: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const index = Number(token);
  return index < length ? index : undefined;
}

/** The value at a pointer, or undefined where the path does not exist. */
export function getAt(root: unknown, tokens: readonly string[]): unknown {
  let current = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const index = arrayIndex(token, current.length);
      if (index === undefined) return undefined;
      current = current[index];
    } else if (isObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Removes the value at a pointer in place; false when the path does not exist. */
export function removeAt(root: unknown, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  const parent = getAt(root, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = arrayIndex(last, parent.length);
    if (index === undefined) return false;
    parent.splice(index, 1);
    return true;
  }
  if (isObject(parent) && Object.hasOwn(parent, last)) {
    delete parent[last];
    return true;
  }
  return false;
}

/**
 * Removes several pointers from one document so that earlier removals do not shift later
 * ones: deeper paths and higher list indices go first.
 */
export function removeAll(root: unknown, pointers: readonly string[]): void {
  const paths = pointers.map(parsePointer).sort(compareTokensDescending);
  for (const tokens of paths) removeAt(root, tokens);
}

function compareTokensDescending(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(y) - Number(x) : y < x ? -1 : 1;
  }
  return b.length - a.length;
}
