// The workspace's ApplicationSets as appsets.list gives them: fetched when the view opens and
// after a reconnect (events sent meanwhile are lost), then replaced by every appsets.changed
// event (a generation, a new condition, another workspace opened).
import { useEffect, useState } from 'react';
import type { AppSetSummary } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useConnection } from '../../stores/connection.ts';

export function useAppSets(): { sets: AppSetSummary[] | null; error: string | null } {
  const client = useClient();
  const [sets, setSets] = useState<AppSetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connection = useConnection((state) => state.state);

  useEffect(() => {
    let current = true;
    const unsubscribe = client.subscribe((message) => {
      if (message.event === 'appsets.changed' && current) setSets(message.payload.sets);
    });
    client.call('appsets.list').then(
      (result) => {
        if (!current) return;
        setSets(result.sets);
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [client, connection]);

  return { sets, error };
}
