// Feeds the stores: one initial load per store, then the engine's event stream. No polling.
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { useApps } from './apps.ts';
import { useClusters } from './clusters.ts';

export function startFeed(client: PlumblineClient): () => void {
  const unsubscribe = client.subscribe((event) => {
    if (event.event === 'clusters.changed') useClusters.getState().received(event.payload);
    if (event.event === 'apps.changed') useApps.getState().received(event.payload.apps);
  });
  client
    .call('clusters.list')
    .then(useClusters.getState().received, (error: Error) => useClusters.getState().failed(error.message));
  void client.call('apps.list').then((result) => useApps.getState().received(result.apps));
  return unsubscribe;
}
