// One asynchronous step of the wizard: runs a call, remembers that it is running and the
// error's message, in the engine's own plain words.
import { useState } from 'react';

export interface Step {
  busy: boolean;
  error: string | null;
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

export function useStep(): Step {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    async run(work) {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (failure) {
        setError((failure as Error).message);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    clear: () => setError(null),
  };
}
