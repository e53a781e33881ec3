// Log lines gathered into chunks: nothing before the delay unless a chunk is full, everything at
// a flush, and a quiet log's single line still sent after the delay.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogBatcher } from '../../../engine/controller/podSessions/logBatcher.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LogBatcher', () => {
  it('sends lines together once the delay has passed', () => {
    const chunks: string[][] = [];
    const batcher = new LogBatcher((lines) => chunks.push(lines), { delayMs: 100, maxLines: 10 });
    batcher.add(['a']);
    batcher.add(['b', 'c']);
    vi.advanceTimersByTime(99);
    expect(chunks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(chunks).toEqual([['a', 'b', 'c']]);
  });

  it('sends a full chunk at once, and the rest after the delay', () => {
    const chunks: string[][] = [];
    const batcher = new LogBatcher((lines) => chunks.push(lines), { delayMs: 100, maxLines: 2 });
    batcher.add(['1', '2', '3', '4', '5']);
    expect(chunks).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    vi.advanceTimersByTime(100);
    expect(chunks).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('flushes what waits and sends nothing when nothing waits', () => {
    const chunks: string[][] = [];
    const batcher = new LogBatcher((lines) => chunks.push(lines), { delayMs: 100, maxLines: 10 });
    batcher.flush();
    batcher.add(['x']);
    batcher.flush();
    vi.advanceTimersByTime(500);
    expect(chunks).toEqual([['x']]);
  });
});
