// The applications the engine knows and the progress of their clone/render work, kept current
// by the engine's events.
import { create } from 'zustand';
import type { AppSummary } from '../../../engine/api/contract.ts';

export interface Progress {
  stage: 'fetch' | 'render';
  message: string;
  done: boolean;
}

interface AppsState {
  apps: AppSummary[] | null;
  progress: Record<string, Progress>;
  received(apps: AppSummary[]): void;
  progressed(name: string, progress: Progress): void;
}

export const useApps = create<AppsState>((set) => ({
  apps: null,
  progress: {},
  received: (apps) => set({ apps }),
  progressed: (name, progress) => set((state) => ({ progress: { ...state.progress, [name]: progress } })),
}));
