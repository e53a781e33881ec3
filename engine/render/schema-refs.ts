// Where a JSON schema would make its validator read: every `$ref` (and `$dynamicRef`,
// `$recursiveRef`, a non-standard `$schema`) resolved against the `$id`s around it, as a JSON
// schema library resolves them. Helm validates values against a chart's values.schema.json with
// such a library, which opens file:// and fetches http(s) references — and resolves a relative
// one against the root of the file system (`other.json` is `/other.json`), not against the chart.
// A reference is fine when it stays in the document: a fragment (`#/$defs/port`), or an `$id`
// declared in it that no library would load anyway (`urn:`). Draft-04's `id` is honoured by some
// validators and not by others, so references are resolved both ways and both must pass.
import { fileURLToPath } from 'node:url';

/** Where schema text that names no `$id` lives, as helm's validator names it. */
const DOCUMENT_BASE = 'file:///values.schema.json';
const REFERENCE_KEYS = ['$ref', '$dynamicRef', '$recursiveRef'];
// Meta-schemas a validator knows without loading them.
const KNOWN_META_SCHEMA =
  /^https?:\/\/json-schema\.org\/(draft-0[3467]\/schema|draft\/20(19-09|20-12)\/schema)#?$/;

export interface SchemaReference {
  /** The keyword and value as written (`$ref: file:///etc/passwd`). */
  written: string;
  /** The resolved URL without its fragment. */
  target: URL;
}

export type ExternalReference =
  | { kind: 'remote'; reference: SchemaReference }
  | { kind: 'file'; reference: SchemaReference; path: string }
  | { kind: 'other'; reference: SchemaReference };

interface Visit {
  value: unknown;
  base: URL;
}

function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The base URL inside an object: its `$id` (or, with `legacyId`, draft-04's `id`) resolved against the outer base. */
function baseOf(object: Record<string, unknown>, outer: URL, legacyId: boolean): URL {
  const legacy = legacyId && typeof object.id === 'string' ? object.id : undefined;
  const id = typeof object.$id === 'string' ? object.$id : legacy;
  if (id === undefined) return outer;
  try {
    return new URL(id, outer);
  } catch {
    throw new Error(`$id ${JSON.stringify(id)} is not a valid URL`);
  }
}

/** Every object of the document with its base URL; iterative, so a deep document cannot overflow the stack. */
function* objectsOf(
  document: unknown,
  legacyId: boolean,
): Generator<{ object: Record<string, unknown>; base: URL }> {
  const pending: Visit[] = [{ value: document, base: new URL(DOCUMENT_BASE) }];
  while (pending.length > 0) {
    const { value, base } = pending.pop() as Visit;
    if (Array.isArray(value)) {
      for (const item of value) pending.push({ value: item, base });
    } else if (isRecord(value)) {
      const inner = baseOf(value, base, legacyId);
      yield { object: value, base: inner };
      for (const child of Object.values(value)) pending.push({ value: child, base: inner });
    }
  }
}

/**
 * The references of a parsed schema that leave the document. Conservative: a `$ref` key is read
 * wherever it occurs, also inside an `enum` or a `default`.
 */
export function externalReferences(document: unknown): ExternalReference[] {
  const unique = new Map<string, ExternalReference>();
  for (const ref of [...referencesOf(document, false), ...referencesOf(document, true)])
    unique.set(`${ref.kind} ${ref.reference.target.href}`, ref);
  return [...unique.values()];
}

function referencesOf(document: unknown, legacyId: boolean): ExternalReference[] {
  const declared = new Set<string>([DOCUMENT_BASE]);
  const found: SchemaReference[] = [];
  for (const { object, base } of objectsOf(document, legacyId)) {
    // Only an identifier no validator could load counts as a declaration it resolves in place.
    if (typeof object.$id === 'string' && !/^(file|https?):$/.test(base.protocol)) {
      declared.add(withoutFragment(base));
    }
    for (const key of REFERENCE_KEYS) {
      const value = object[key];
      // A bare fragment points into the resource it is written in, which is this document.
      if (typeof value !== 'string' || value.startsWith('#')) continue;
      found.push(resolveReference(key, value, base));
    }
    if (typeof object.$schema === 'string' && !KNOWN_META_SCHEMA.test(object.$schema)) {
      found.push(resolveReference('$schema', object.$schema, base));
    }
  }
  const external: ExternalReference[] = [];
  for (const reference of found) {
    if (declared.has(withoutFragment(reference.target))) continue;
    const protocol = reference.target.protocol;
    if (protocol === 'http:' || protocol === 'https:') external.push({ kind: 'remote', reference });
    else if (protocol === 'file:') external.push(fileReference(reference));
    else external.push({ kind: 'other', reference });
  }
  return external;
}

function fileReference(reference: SchemaReference): ExternalReference {
  try {
    return { kind: 'file', reference, path: fileURLToPath(reference.target) };
  } catch {
    // `file://host/share` names another machine: nothing a chart may reach.
    return { kind: 'other', reference };
  }
}

function resolveReference(key: string, value: string, base: URL): SchemaReference {
  const written = `${key}: ${value}`;
  try {
    return { written, target: new URL(value, base) };
  } catch {
    throw new Error(`${written} is not a valid URL`);
  }
}
