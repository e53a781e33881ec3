// Cron schedules as Argo CD's sync windows read them: robfig/cron's parser with the five
// standard fields (minute, hour, day of month, month, day of week) and no descriptors. What it
// accepts: `*` and `?`, numbers, `a-b` ranges, `/step` (`5/15` means `5-max/15`), comma lists,
// month and weekday names in any case (JAN, mon) also in ranges, and an optional `TZ=` or
// `CRON_TZ=` zone before the fields. What it refuses: `@daily` and other descriptors, a value
// out of its field's range (a weekday of 7, minute 60, day 0), a range that runs backwards, a
// step of 0, `L`, `W`, `#`, and anything but exactly five fields.
//
// Days follow cron's rule: when both day fields are restricted a day matches either; when one
// is `*` (or `?`, or a `*` range with step 1) both must match.

export interface CronSchedule {
  minute: bigint;
  hour: bigint;
  dayOfMonth: bigint;
  month: bigint;
  dayOfWeek: bigint;
  /** The zone from a `TZ=`/`CRON_TZ=` prefix; null when the schedule has none. */
  zone: string | null;
}

/** Marks a field written as `*` or `?` (the day-matching rule looks at it). */
const STAR = 1n << 63n;

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
const DAYS_OF_WEEK: Bounds = {
  min: 0,
  max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

/** Go's strconv.Atoi as robfig uses it: an optional sign, decimal digits, within int64. */
function parseNumber(text: string, expression: string): number {
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > Number.MAX_SAFE_INTEGER)
    throw new Error(`failed to parse int from ${text} (in ${expression})`);
  const value = Number(text);
  if (value < 0) throw new Error(`negative number (${value}) not allowed: ${expression}`);
  return value;
}

function parseValue(text: string, bounds: Bounds, expression: string): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseNumber(text, expression);
}

function bits(start: number, end: number, step: number): bigint {
  let out = 0n;
  for (let i = start; i <= end; i += step) out |= 1n << BigInt(i);
  return out;
}

function parseRange(expression: string, bounds: Bounds): bigint {
  const rangeAndStep = expression.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    extra = STAR;
  } else {
    start = parseValue(lowAndHigh[0]!, bounds, expression);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1]!, bounds, expression);
    else throw new Error(`too many hyphens: ${expression}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1]!, expression);
    if (lowAndHigh.length === 1) end = bounds.max; // `N/step` means `N-max/step`
    if (step > 1) extra = 0n;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expression}`);
  if (start < bounds.min)
    throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expression}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expression}`);
  if (start > end)
    throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expression}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expression}`);
  return bits(start, end, step) | extra;
}

function parseField(field: string, bounds: Bounds): bigint {
  // empty list entries are skipped, as strings.FieldsFunc does: `,` alone selects nothing
  return field
    .split(',')
    .filter((part) => part !== '')
    .reduce((all, part) => all | parseRange(part, bounds), 0n);
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a schedule as Argo CD does; throws robfig's reason when Argo CD would refuse it. */
export function parseCron(spec: string): CronSchedule {
  if (spec.length === 0) throw new Error('empty spec string');
  let zone: string | null = null;
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    // robfig slices up to the first space; with none it cannot read the zone at all
    if (space < 0) throw new Error(`provided bad location: no schedule after ${rest}`);
    zone = rest.slice(rest.indexOf('=') + 1, space);
    if (!knownZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone`);
    rest = rest.slice(space).trim();
  }
  if (rest.startsWith('@')) throw new Error(`parser does not accept descriptors: ${rest}`);
  const fields = rest.split(/\s+/).filter((field) => field !== '');
  if (fields.length !== 5)
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  return {
    minute: parseField(minute, MINUTES),
    hour: parseField(hour, HOURS),
    dayOfMonth: parseField(dayOfMonth, DAYS_OF_MONTH),
    month: parseField(month, MONTHS),
    dayOfWeek: parseField(dayOfWeek, DAYS_OF_WEEK),
    zone,
  };
}

const has = (field: bigint, value: number) => (field & (1n << BigInt(value))) !== 0n;

/** A wall-clock time, carried in a Date's UTC fields. */
type WallClock = Date;

function dayMatches(schedule: CronSchedule, wall: WallClock): boolean {
  const dayOfMonth = has(schedule.dayOfMonth, wall.getUTCDate());
  const dayOfWeek = has(schedule.dayOfWeek, wall.getUTCDay());
  if ((schedule.dayOfMonth & STAR) !== 0n || (schedule.dayOfWeek & STAR) !== 0n)
    return dayOfMonth && dayOfWeek;
  return dayOfMonth || dayOfWeek;
}

/**
 * The first wall-clock minute at or after `from` (a whole minute) that the schedule selects,
 * searched field by field as robfig does; null when there is none within five years (robfig
 * then returns Go's zero time, which Argo CD reads as "the window started long ago").
 */
export function nextWallClock(schedule: CronSchedule, from: WallClock): WallClock | null {
  const t = new Date(from.getTime());
  const yearLimit = t.getUTCFullYear() + 5;
  let truncated = false;
  const truncate = (to: 'month' | 'day' | 'hour' | 'minute') => {
    if (truncated) return;
    truncated = true;
    if (to === 'month') t.setUTCDate(1);
    if (to === 'month' || to === 'day') t.setUTCHours(0);
    if (to !== 'minute') t.setUTCMinutes(0);
    t.setUTCSeconds(0, 0);
  };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return null;
    while (!has(schedule.month, t.getUTCMonth() + 1)) {
      truncate('month');
      t.setUTCMonth(t.getUTCMonth() + 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(schedule, t)) {
      truncate('day');
      t.setUTCDate(t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!has(schedule.hour, t.getUTCHours())) {
      truncate('hour');
      t.setUTCHours(t.getUTCHours() + 1);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!has(schedule.minute, t.getUTCMinutes())) {
      truncate('minute');
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    if (!truncated) t.setUTCSeconds(0, 0);
    return t;
  }
}
