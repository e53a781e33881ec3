// The applications the engine knows, kept current by its events.
import { create } from 'zustand';
import type { AppSummary } from '../../../engine/api/contract.ts';

interface AppsState {
  apps: AppSummary[] | null;
  received(apps: AppSummary[]): void;
}

export const useApps = create<AppsState>((set) => ({
  apps: null,
  received: (apps) => set({ apps }),
}));
