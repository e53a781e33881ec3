// Kubernetes resource quantities (`cpu: 0.5`, `memory: 1024Mi`) in the canonical form the API
// server stores them in (`500m`, `1Gi`), so that git's spelling and the cluster's compare equal.
// Follows apimachinery's resource.Quantity: values are kept to nano precision, rounded up;
// the suffix family of the input (binary, decimal SI, exponent) is kept when it can be.

const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_SUFFIXES = new Map(Object.entries(DECIMAL_EXPONENTS).map(([suffix, exp]) => [exp, suffix]));
const NANO = 10n ** 9n;

type Format = 'binary' | 'decimal' | 'exponent';

function pow10(exp: number): bigint {
  return 10n ** BigInt(exp);
}

/** |value| in nano units, rounded up (away from zero) as Kubernetes rounds. */
function toNanos(digits: string, suffix: string): { nanos: bigint; format: Format } {
  const [whole = '', fraction = ''] = digits.split('.');
  const mantissa = BigInt(`${whole}${fraction}` || '0');
  let exp10 = -fraction.length + 9;
  let factor = 1n;
  let format: Format = 'decimal';
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (suffix !== '' && binary > 0) {
    factor = 1024n ** BigInt(binary);
    format = 'binary';
  } else if (/^[eE]/.test(suffix)) {
    exp10 += Number(suffix.slice(1));
    format = 'exponent';
  } else {
    exp10 += DECIMAL_EXPONENTS[suffix] ?? 0;
  }
  const scaled = mantissa * factor;
  if (exp10 >= 0) return { nanos: scaled * pow10(exp10), format };
  const divisor = pow10(-exp10);
  return { nanos: scaled / divisor + (scaled % divisor === 0n ? 0n : 1n), format };
}

/** The integer mantissa and a power-of-ten exponent that is a multiple of 3, as apimachinery picks them. */
function decimalParts(nanos: bigint): { mantissa: bigint; exponent: number } {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  const extra = ((exponent % 3) + 3) % 3;
  return { mantissa: mantissa * pow10(extra), exponent: exponent - extra };
}

function formatDecimal(nanos: bigint, format: Format): string {
  const { mantissa, exponent } = decimalParts(nanos);
  const suffix = DECIMAL_SUFFIXES.get(exponent);
  if (format === 'exponent' || suffix === undefined)
    return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${suffix}`;
}

function formatBinary(nanos: bigint): string | undefined {
  if (nanos < 1024n * NANO || nanos % NANO !== 0n) return undefined;
  let value = nanos / NANO;
  let power = 0;
  while (power < BINARY_SUFFIXES.length - 1 && value % 1024n === 0n) {
    value /= 1024n;
    power += 1;
  }
  return `${value}${BINARY_SUFFIXES[power]}`;
}

/** The canonical spelling of a quantity, or undefined when `value` is not one. */
export function canonicalQuantity(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value).replace('e+', 'e');
  else if (typeof value === 'string') text = value.trim();
  else return undefined;
  const match = PATTERN.exec(text);
  if (match === null) return undefined;
  const [, sign = '', digits = '', suffix = ''] = match;
  const { nanos, format } = toNanos(digits, suffix);
  if (nanos === 0n) return '0';
  const magnitude = (format === 'binary' ? formatBinary(nanos) : undefined) ?? formatDecimal(nanos, format);
  return sign === '-' ? `-${magnitude}` : magnitude;
}
