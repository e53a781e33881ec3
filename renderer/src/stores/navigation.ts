// Which view the shell shows, and which application is open or being edited.
import { create } from 'zustand';

export const views = [
  'Applications',
  'ApplicationSets',
  'Clusters',
  'Repositories',
  'Projects',
  'Settings',
] as const;
export type View = (typeof views)[number];

interface NavigationState {
  view: View;
  /** The application whose detail is open. */
  app: string | null;
  /** 'new' while creating, an application's name while editing it. */
  editing: string | null;
  go(view: View): void;
  openApp(name: string | null): void;
  edit(target: string | null): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'Applications',
  app: null,
  editing: null,
  go: (view) => set({ view, app: null, editing: null }),
  openApp: (app) => set({ view: 'Applications', app, editing: null }),
  edit: (editing) => set({ editing }),
}));
