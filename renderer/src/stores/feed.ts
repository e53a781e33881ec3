// Feeds the stores: one initial load per store, then the engine's event stream (again after a
// reconnect). No polling.
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { useApps } from './apps.ts';
import { useClusters } from './clusters.ts';
import { useWorkspace } from './workspace.ts';
import { usePluginOutput } from './pluginOutput.ts';
import { useSettings } from './settings.ts';
import { useSnapshots } from './snapshots.ts';
import { useConnection } from './connection.ts';
import { useRepos } from './repos.ts';

export function startFeed(client: PlumblineClient): () => void {
  const unsubscribe = client.subscribe((message) => {
    switch (message.event) {
      case 'clusters.changed':
        return useClusters.getState().received(message.payload);
      case 'apps.changed':
        return useApps.getState().changed(message.payload);
      case 'apps.progress': {
        const { name, ...progress } = message.payload;
        return useApps.getState().progressed(name, progress);
      }
      case 'apps.operation':
        return useApps.getState().operated(message.payload.name, message.payload.operation);
      case 'clusters.state':
        return useClusters.getState().stateChanged(message.payload);
      case 'clusters.registryChanged':
        return useClusters.getState().registeredChanged(message.payload.clusters);
      case 'clusters.pluginOutput':
        return usePluginOutput.getState().received(message.payload.cluster, message.payload.text);
      case 'workspace.changed':
        return useWorkspace.getState().received(message.payload);
      case 'settings.changed':
        return useSettings.getState().received(message.payload);
      case 'snapshots.changed':
        return useSnapshots.getState().received(message.payload.snapshots);
      case 'repos.changed':
        return useRepos.getState().received(message.payload);
    }
  });
  loadAll(client);
  // Events sent while a connection was down are lost: after a reconnect, load everything again.
  const stopWatching = useConnection.subscribe((now, before) => {
    if (now.state === 'open' && before.state === 'closed') loadAll(client);
  });
  return () => {
    stopWatching();
    unsubscribe();
  };
}

function loadAll(client: PlumblineClient): void {
  client
    .call('clusters.list')
    .then(useClusters.getState().received, (error: Error) => useClusters.getState().failed(error.message));
  void client.call('apps.list').then((result) => useApps.getState().listed(result.apps));
  void client
    .call('clusters.registered')
    .then(({ clusters }) => useClusters.getState().registeredChanged(clusters));
  void client
    .call('clusters.states')
    .then(({ states }) => states.forEach(useClusters.getState().stateChanged));
  void client.call('workspace.info').then(useWorkspace.getState().received);
  void client.call('settings.get').then(useSettings.getState().received);
  client
    .call('repos.list')
    .then(useRepos.getState().received, (error: Error) => useRepos.getState().failed(error.message));
  client.call('snapshots.list').then(
    ({ snapshots }) => useSnapshots.getState().received(snapshots),
    (error: Error) => useSnapshots.getState().failed(error.message),
  );
}
