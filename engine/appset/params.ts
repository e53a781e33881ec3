// Parameter sets and the helpers Argo CD applies to them: Go's `%v` of a value (parameters of the
// default template mode are strings), jeremywohl/flatten's dot-style flattening, and the
// `normalize` of names into DNS-safe ones.
import { GeneratorError } from './errors.ts';

/** One parameter set: flat `key: string` in the default mode, nested values in goTemplate mode. */
export type Params = Record<string, unknown>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Go's float `%v`: shortest digits, exponent form below 1e-4 and from 1e+06 on (fmt.Println(1e6) is "1e+06"). */
function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's `fmt.Sprintf("%v", v)` for a value decoded from JSON or YAML (numbers are float64 there). */
export function goValueString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueString).join(' ')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${key}:${goValueString(value[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/**
 * Nested maps and lists flattened to dot-joined keys (`a.b`, `list.0`), as jeremywohl/flatten's
 * DotStyle does: empty maps and lists leave no key, every leaf keeps its value.
 */
export function flatten(value: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const walk = (node: unknown, prefix: string): void => {
    const entries = Array.isArray(node)
      ? node.map((item, index) => [String(index), item] as const)
      : Object.entries(node as Record<string, unknown>);
    for (const [key, item] of entries) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (Array.isArray(item) || isRecord(item)) walk(item, path);
      else flat[path] = item;
    }
  };
  walk(value, '');
  return flat;
}

/** Flattened with every value as Go's `%v` writes it: what label selectors match against. */
export function flatStrings(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(flatten(params))) out[key] = goValueString(value);
  return out;
}

/** Argo CD's `normalize`: lower case, anything but `a-z0-9.-` to `-`, at most 253, no `-`/`.` at the ends. */
export function sanitizeName(name: string): string {
  const replaced = name.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  const bytes = Buffer.from(replaced, 'utf8');
  const cut = bytes.length > 253 ? bytes.subarray(0, 253).toString('utf8') : replaced;
  return cut.replace(/^[-.]+|[-.]+$/g, '');
}

/** Refuses a parameter set with a value or key longer than the limit, naming the key. */
export function checkParamSizes(params: Params, maxChars: number): void {
  for (const [key, value] of Object.entries(flatten(params))) {
    if (key.length > maxChars)
      throw new GeneratorError(
        `a parameter name is ${key.length} characters long, over the limit of ${maxChars}`,
      );
    const length = typeof value === 'string' ? value.length : goValueString(value).length;
    if (length > maxChars)
      throw new GeneratorError(
        `parameter ${key.slice(0, 80)} is ${length} characters long, over the limit of ${maxChars}`,
      );
  }
}
