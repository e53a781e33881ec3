// The kubeconfig contexts, loaded once and then kept current by the engine's events.
import { create } from 'zustand';
import type { ClusterList, ClusterState } from '../../../engine/api/contract.ts';

interface ClustersState {
  list: ClusterList | null;
  error: string | null;
  /** Connection state of the clusters the engine watches, by context. */
  states: Record<string, ClusterState>;
  received(list: ClusterList): void;
  failed(error: string): void;
  stateChanged(state: ClusterState): void;
}

export const useClusters = create<ClustersState>((set) => ({
  list: null,
  error: null,
  states: {},
  received: (list) => set({ list, error: null }),
  failed: (error) => set({ error }),
  stateChanged: (state) => set((current) => ({ states: { ...current.states, [state.context]: state } })),
}));
