// The limiter never runs more than its size at once, runs waiting work in order, frees a slot
// when work fails, and follows a new size.
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../engine/limits/limiter.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('limiter', () => {
  it('runs at most its size at once, the rest in arrival order', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const work = Array.from({ length: 20 }, (_, index) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(index);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= 1;
        return index;
      }),
    );
    expect(await Promise.all(work)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(peak).toBe(2);
    expect(order).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(limiter.active).toBe(0);
  });

  it('frees the slot of work that fails', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve('next'))).toBe('next');
  });

  it('starts waiting work when it grows, and starts nothing new above a smaller size', async () => {
    const limiter = createLimiter(1);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0]);
    limiter.resize(3);
    await tick();
    expect(started).toEqual([0, 1, 2]);
    limiter.resize(1);
    const later = limiter.run(async () => started.push(3));
    gates[0]!.resolve();
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[2]!.resolve();
    await Promise.all([...runs, later]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('treats a size below one as one', () => {
    expect(createLimiter(0).size).toBe(1);
    expect(createLimiter(Number.NaN).size).toBe(1);
    expect(createLimiter(3.7).size).toBe(3);
    expect(createLimiter(Number.POSITIVE_INFINITY).size).toBe(Number.POSITIVE_INFINITY);
  });
});
