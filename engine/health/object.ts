// Reading a Kubernetes object the way Argo CD's typed conversion does: a field that is
// absent reads as its zero value; a field of the wrong type is an error, which makes the
// object Unknown instead of guessing.
import { HealthCheckError, type KubeObject } from './types.ts';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export function groupVersionKind(obj: KubeObject): GroupVersionKind {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  return {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: typeof obj.kind === 'string' ? obj.kind : '',
  };
}

/** `group/kind`, or just `kind` for the core group: Argo CD's key for customizations. */
export function groupKindKey(group: string, kind: string): string {
  return group === '' ? kind : `${group}/${kind}`;
}

/** Go's rendering of a GroupVersionKind, as it appears in Argo CD's messages. */
export function formatGvk({ group, version, kind }: GroupVersionKind): string {
  return `${group}/${version}, Kind=${kind}`;
}

export function annotationsOf(obj: KubeObject): Record<string, string> {
  const annotations = obj.metadata?.annotations;
  return annotations !== null && typeof annotations === 'object' ? annotations : {};
}

export function annotation(obj: KubeObject, key: string): string | undefined {
  const value = annotationsOf(obj)[key];
  return typeof value === 'string' ? value : undefined;
}

/** Argo CD's checks accept only the API versions they know; others are an error. */
export function requireVersion(obj: KubeObject, what: string, versions: readonly string[]): void {
  const gvk = groupVersionKind(obj);
  if (!versions.includes(gvk.version))
    throw new HealthCheckError(`unsupported ${what} GVK: ${formatGvk(gvk)}`);
}

/** Go's %q for the names that go into messages. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

type Json = unknown;

function describe(value: Json): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/**
 * Typed access to one object (or a nested part of it) for a check. `what` names the
 * object in errors ("Deployment"), as Argo CD's "failed to convert unstructured ..." does.
 */
export class Fields {
  constructor(
    private readonly value: Json,
    private readonly what: string,
    private readonly prefix = '',
  ) {}

  private fail(path: string, expected: string, got: Json): never {
    const where = `${this.prefix}${path}`.replace(/\.$/, '') || '(object)';
    throw new HealthCheckError(
      `failed to convert unstructured ${this.what} to typed: ${where}: expected ${expected}, got ${describe(got)}`,
    );
  }

  /** The raw value at a dotted path; undefined when any step is absent or null. */
  raw(path: string): Json {
    let current: Json = this.value;
    const steps = path.split('.');
    for (const [i, step] of steps.entries()) {
      if (current === undefined || current === null) return undefined;
      if (typeof current !== 'object' || Array.isArray(current)) {
        this.fail(steps.slice(0, i).join('.'), 'an object', current);
      }
      current = (current as Record<string, Json>)[step];
    }
    return current === null ? undefined : current;
  }

  has(path: string): boolean {
    return this.raw(path) !== undefined;
  }

  int(path: string): number {
    return this.optionalInt(path) ?? 0;
  }

  optionalInt(path: string): number | undefined {
    const value = this.raw(path);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(path, 'an integer', value);
    return value;
  }

  str(path: string): string {
    const value = this.raw(path);
    if (value === undefined) return '';
    if (typeof value !== 'string') this.fail(path, 'a string', value);
    return value;
  }

  bool(path: string): boolean {
    const value = this.raw(path);
    if (value === undefined) return false;
    if (typeof value !== 'boolean') this.fail(path, 'a boolean', value);
    return value;
  }

  /** The elements of a list, each as Fields. */
  list(path: string): Fields[] {
    const value = this.raw(path);
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, 'a list', value);
    return value.map((item, i) => new Fields(item ?? {}, this.what, `${this.prefix}${path}[${i}].`));
  }
}

/** Fields of a whole object. */
export function fieldsOf(obj: KubeObject, what: string): Fields {
  return new Fields(obj, what);
}

/** The first condition of a type in `status.conditions`. */
export function condition(fields: Fields, type: string): Fields | undefined {
  return fields.list('status.conditions').find((c) => c.str('type') === type);
}
