// The applications the engine knows and the progress of their clone/render work, kept current
// by the engine's events.
import { create } from 'zustand';
import type { AppSummary, Operation } from '../../../engine/api/contract.ts';

export interface Progress {
  stage: 'fetch' | 'render';
  message: string;
  done: boolean;
}

interface AppsState {
  apps: AppSummary[] | null;
  progress: Record<string, Progress>;
  /** The latest sync operation of each application, as it runs. */
  operations: Record<string, Operation>;
  received(apps: AppSummary[]): void;
  progressed(name: string, progress: Progress): void;
  operated(name: string, operation: Operation): void;
  /** Forgets the previous operation of an application as a new one is asked for. */
  began(name: string): void;
}

export const useApps = create<AppsState>((set) => ({
  apps: null,
  progress: {},
  operations: {},
  received: (apps) => set({ apps }),
  operated: (name, operation) => set((state) => ({ operations: { ...state.operations, [name]: operation } })),
  began: (name) =>
    set((state) => ({
      operations: Object.fromEntries(Object.entries(state.operations).filter(([n]) => n !== name)),
    })),
  progressed: (name, progress) => set((state) => ({ progress: { ...state.progress, [name]: progress } })),
}));
