// A counting semaphore: at most `size` pieces of work run at once, the rest wait in arrival order.
// The size can change while work runs (a settings edit): a smaller size lets running work finish
// and starts nothing new until the count is below it; a larger one starts waiting work at once.

export interface Limiter {
  /** Runs `work` once a slot is free; the slot is released however `work` ends. */
  run<T>(work: () => Promise<T>): Promise<T>;
  resize(size: number): void;
  readonly size: number;
  /** Pieces of work running now. */
  readonly active: number;
  /** Pieces of work waiting for a slot. */
  readonly waiting: number;
}

export function createLimiter(initialSize: number): Limiter {
  let size = validSize(initialSize);
  let active = 0;
  const queue: Array<() => void> = [];

  const startWaiting = () => {
    while (active < size && queue.length > 0) {
      active += 1;
      queue.shift()!();
    }
  };

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (active < size && queue.length === 0) active += 1;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        active -= 1;
        startWaiting();
      }
    },
    resize(next: number) {
      size = validSize(next);
      startWaiting();
    },
    get size() {
      return size;
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

function validSize(size: number): number {
  // Infinity is a size too: no bound at all.
  if (Number.isNaN(size) || size < 1) return 1;
  return Math.floor(size);
}
