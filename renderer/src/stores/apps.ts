// The applications the engine knows and the progress of their clone/render work, kept current
// by the engine's events.
import { create } from 'zustand';
import type { AppSummary, EventPayload, Operation } from '../../../engine/api/contract.ts';
import { mergeAppChanges } from './appChanges.ts';

export interface Progress {
  stage: 'fetch' | 'render';
  message: string;
  done: boolean;
}

interface AppsState {
  /** Sorted by name; null until the first list arrives. */
  apps: AppSummary[] | null;
  progress: Record<string, Progress>;
  /** The latest sync operation of each application, as it runs. */
  operations: Record<string, Operation>;
  /** The whole list, as `apps.list` answers it. */
  listed(apps: AppSummary[]): void;
  /** What changed since, as `apps.changed` says it. */
  changed(change: EventPayload<'apps.changed'>): void;
  progressed(name: string, progress: Progress): void;
  operated(name: string, operation: Operation): void;
  /** Forgets the previous operation of an application as a new one is asked for. */
  began(name: string): void;
}

export const useApps = create<AppsState>((set) => ({
  apps: null,
  progress: {},
  operations: {},
  listed: (apps) => set({ apps: mergeAppChanges(null, { changed: apps, removed: [], reset: true }) }),
  changed: (change) => set((state) => ({ apps: mergeAppChanges(state.apps, change) })),
  operated: (name, operation) => set((state) => ({ operations: { ...state.operations, [name]: operation } })),
  began: (name) =>
    set((state) => ({
      operations: Object.fromEntries(Object.entries(state.operations).filter(([n]) => n !== name)),
    })),
  progressed: (name, progress) => set((state) => ({ progress: { ...state.progress, [name]: progress } })),
}));
