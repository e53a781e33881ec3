// Runs one operation of an application (a sync or a rollback) from a dialog and follows it:
// the previous operation is forgotten when the request goes out, progress arrives through the
// event stream, and the call's own answer is the final word when it returns.
import { useState } from 'react';
import type { Operation } from '../../../../../engine/api/contract.ts';
import { useApps } from '../../../stores/apps.ts';

export interface OperationRun {
  /** Whether this dialog asked for an operation (its progress is then shown). */
  requested: boolean;
  operation: Operation | undefined;
  error: string | null;
  start(request: () => Promise<{ operation: Operation }>): Promise<void>;
  /** Back to the options, for another run. */
  reset(): void;
}

export function useOperationRun(name: string, followRunning: boolean): OperationRun {
  const operation = useApps((state) => state.operations[name]);
  const [requested, setRequested] = useState(followRunning);
  const [error, setError] = useState<string | null>(null);
  const start = async (request: () => Promise<{ operation: Operation }>) => {
    setError(null);
    setRequested(true);
    useApps.getState().began(name);
    try {
      const result = await request();
      useApps.getState().operated(name, result.operation);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return {
    requested,
    operation: requested ? operation : undefined,
    error,
    start,
    reset: () => {
      setRequested(false);
      setError(null);
    },
  };
}
