// Which view the shell shows.
import { create } from 'zustand';

export const views = ['Applications', 'Clusters', 'Projects', 'Settings'] as const;
export type View = (typeof views)[number];

interface NavigationState {
  view: View;
  go(view: View): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'Applications',
  go: (view) => set({ view }),
}));
