// The kubeconfig contexts and the registered clusters, loaded once and then kept current by the
// engine's events.
import { create } from 'zustand';
import type { ClusterList, ClusterState, RegisteredCluster } from '../../../engine/api/contract.ts';

interface ClustersState {
  list: ClusterList | null;
  error: string | null;
  /** Connection state of the clusters the engine watches, by cluster key (see clusterKey). */
  states: Record<string, ClusterState>;
  registered: RegisteredCluster[] | null;
  received(list: ClusterList): void;
  registeredChanged(clusters: RegisteredCluster[]): void;
  failed(error: string): void;
  stateChanged(state: ClusterState): void;
}

export const useClusters = create<ClustersState>((set) => ({
  list: null,
  error: null,
  states: {},
  registered: null,
  received: (list) => set({ list, error: null }),
  registeredChanged: (registered) => set({ registered }),
  failed: (error) => set({ error }),
  stateChanged: (state) => set((current) => ({ states: { ...current.states, [state.context]: state } })),
}));
