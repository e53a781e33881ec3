// The kubeconfig contexts, loaded once and then kept current by the engine's events.
import { create } from 'zustand';
import type { ClusterList } from '../../../engine/api/contract.ts';

interface ClustersState {
  list: ClusterList | null;
  error: string | null;
  received(list: ClusterList): void;
  failed(error: string): void;
}

export const useClusters = create<ClustersState>((set) => ({
  list: null,
  error: null,
  received: (list) => set({ list, error: null }),
  failed: (error) => set({ error }),
}));
