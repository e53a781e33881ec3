// Medians, percentiles and the printed table of the fleet benchmark.

export interface Row {
  figure: string;
  values: number[];
  unit: string;
  /** Show the maximum instead of the 95th percentile. */
  max?: boolean;
}

/** The p-th percentile by nearest rank (p50 of [1, 2, 3, 4] is 2). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const format = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));

export function table(rows: readonly Row[]): string {
  const lines = rows.map((row) => {
    const median = format(percentile(row.values, 50));
    const spread =
      row.values.length > 1
        ? row.max
          ? ` / max ${format(Math.max(...row.values))}`
          : ` / p95 ${format(percentile(row.values, 95))}`
        : '';
    return `| ${row.figure} | ${median}${spread} ${row.unit} | ${row.values.length} |`;
  });
  return ['| figure | median | samples |', '|---|---|---|', ...lines].join('\n');
}
