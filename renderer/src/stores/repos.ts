// The repositories and credential templates the user configured, with the ssh known hosts and
// the https CAs: loaded once, then kept current by the engine's repos.changed event. Only what
// is stored is known here, never a secret.
import { create } from 'zustand';
import type { ReposView } from '../../../engine/api/contract.ts';

interface ReposState {
  view: ReposView | null;
  error: string | null;
  received(view: ReposView): void;
  failed(error: string): void;
}

export const useRepos = create<ReposState>((set) => ({
  view: null,
  error: null,
  received: (view) => set({ view, error: null }),
  failed: (error) => set({ error }),
}));
