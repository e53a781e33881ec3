// The fleet benchmark's figures: nearest-rank percentiles and the printed table.
import { describe, expect, it } from 'vitest';
import { percentile, table } from '../../bench/fleet/stats.ts';

describe('fleet benchmark figures', () => {
  it('takes percentiles by nearest rank, whatever the order', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 95)).toBe(4);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('prints the median with p95, or the maximum where asked, and the number of samples', () => {
    const printed = table([
      { figure: 'edit', values: [0.1, 0.2, 0.3], unit: 's' },
      { figure: 'push', values: [10, 20], unit: 's', max: true },
      { figure: 'memory', values: [284], unit: 'MB' },
    ]);
    expect(printed.split('\n')).toEqual([
      '| figure | median | samples |',
      '|---|---|---|',
      '| edit | 0.20 / p95 0.30 s | 3 |',
      '| push | 10.00 / max 20.00 s | 2 |',
      '| memory | 284 MB | 1 |',
    ]);
  });
});
