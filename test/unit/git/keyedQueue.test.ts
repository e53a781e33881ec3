import { describe, expect, it } from 'vitest';
import { keyedQueue } from '../../../engine/git/keyedQueue.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('keyedQueue', () => {
  it('runs work of one key one after another, even after a failure', async () => {
    const queue = keyedQueue();
    const order: string[] = [];
    const gate = deferred();
    const first = queue.run('repo', async () => {
      order.push('first start');
      await gate.promise;
      order.push('first end');
      throw new Error('first failed');
    });
    const second = queue.run('repo', async () => {
      order.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(order).toEqual(['first start']);
    gate.resolve();
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe(2);
    expect(order).toEqual(['first start', 'first end', 'second']);
  });

  it('runs work of different keys side by side', async () => {
    const queue = keyedQueue();
    const gate = deferred();
    const blocked = queue.run('a', () => gate.promise);
    expect(await queue.run('b', async () => 'b done')).toBe('b done');
    gate.resolve();
    await blocked;
  });
});
