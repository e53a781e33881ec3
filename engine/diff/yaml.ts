// YAML of a normalised object for the diff views, with a stable key order so that the same
// object always renders the same lines: apiVersion, kind, metadata first (as kubectl shows
// them), everything else sorted, as Argo CD's sorted JSON renders it.
import { stringify } from 'yaml';
import { isObject } from './json.ts';

const TOP_FIELDS = ['apiVersion', 'kind', 'metadata'];

function sorted(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => sorted(item, false));
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    const rank = (k: string): number =>
      top && TOP_FIELDS.includes(k) ? TOP_FIELDS.indexOf(k) : TOP_FIELDS.length;
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  return Object.fromEntries(keys.map((k) => [k, sorted(value[k], false)]));
}

/** The YAML of an object ('' for none); long strings stay on one line, no anchors. */
export function yamlOf(obj: unknown): string {
  if (obj === null || obj === undefined) return '';
  return stringify(sorted(obj, true), { lineWidth: 0, aliasDuplicateObjects: false });
}
