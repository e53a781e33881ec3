// Loads one piece of an application's live state (tree, diff, a manifest, events) and loads it
// again when the application's summary in the store changes — new revision, sync or health —
// debounced, since a rollout sends bursts of changes. No polling: the engine's events drive it.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { PlumblineClient } from '../../../../../engine/api/client.ts';
import { useClient } from '../../../clientContext.ts';
import { useApps } from '../../../stores/apps.ts';

export const REFETCH_DEBOUNCE_MS = 500;

export interface LiveQuery<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** What in a summary means the live state may have moved. */
function useSummaryStamp(name: string): string {
  return useApps((state) => {
    const app = state.apps?.find((a) => a.name === name);
    if (!app) return '';
    return [
      app.revision,
      app.sync.status,
      app.health.status,
      app.resourceCount,
      app.lastSync?.finishedAt,
      app.operationRunning,
    ].join('|');
  });
}

/**
 * `load` runs at once whenever `key` changes (a different object, another option) and after a
 * pause when only the summary changed. Answers that arrive after a newer request are dropped.
 */
export function useLiveQuery<T>(
  name: string,
  key: string | null,
  load: (client: PlumblineClient) => Promise<T>,
): LiveQuery<T> {
  const client = useClient();
  const stamp = useSummaryStamp(name);
  const [state, setState] = useState<LiveQuery<T>>({ data: null, error: null, loading: key !== null });
  const fetchLatest = useEffectEvent(() => load(client));
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const run = () => {
      setState((previous) => ({ ...previous, loading: true }));
      fetchLatest().then(
        (data) => current && setState({ data, error: null, loading: false }),
        (failure: Error) =>
          current && setState((previous) => ({ ...previous, error: failure.message, loading: false })),
      );
    };
    const keyChanged = lastKey.current !== key;
    lastKey.current = key;
    if (keyChanged) {
      setState({ data: null, error: null, loading: true });
      run();
      return () => {
        current = false;
      };
    }
    const timer = setTimeout(run, REFETCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, key, stamp]);

  return state;
}
