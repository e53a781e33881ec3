// Argo CD's retry of a failed sync: `limit` retries (negative: forever), each after
// duration × factor^(n-1), capped at maxDuration (defaults 5s, 2, 3m).
import { parseBackoffDuration, type RetryStrategy } from '../model/index.ts';

const DEFAULT_DURATION_MS = 5_000;
const DEFAULT_FACTOR = 2;
const DEFAULT_MAX_DURATION_MS = 180_000;

/** Whether retry number `retry` (1 for the first retry) is allowed. */
export function mayRetry(strategy: RetryStrategy | undefined, retry: number): boolean {
  const limit = strategy?.limit ?? 0;
  return limit < 0 || retry <= limit;
}

/** Milliseconds to wait before retry number `retry` (1 for the first retry). */
export function retryDelayMs(strategy: RetryStrategy | undefined, retry: number): number {
  const backoff = strategy?.backoff;
  const duration = backoff?.duration ? parseBackoffDuration(backoff.duration) : DEFAULT_DURATION_MS;
  const factor = backoff?.factor ?? DEFAULT_FACTOR;
  const max = backoff?.maxDuration ? parseBackoffDuration(backoff.maxDuration) : DEFAULT_MAX_DURATION_MS;
  return Math.min(duration * factor ** Math.max(0, retry - 1), max);
}

/** A sleep that ends early (rejecting) when the operation is terminated. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('terminated'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('terminated'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
