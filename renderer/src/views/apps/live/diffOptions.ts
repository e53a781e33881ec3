// How the reader likes diffs shown, shared by the Diff tab and the resource panel and kept
// while they move between tabs.
import { create } from 'zustand';
import type { DiffScope } from './diffFolding.ts';

export type DiffLayout = 'inline' | 'split';

interface DiffOptionsState {
  layout: DiffLayout;
  scope: DiffScope;
  showAll: boolean;
  set(update: Partial<Pick<DiffOptionsState, 'layout' | 'scope' | 'showAll'>>): void;
}

export const useDiffOptions = create<DiffOptionsState>((set) => ({
  layout: 'split',
  scope: 'whole',
  showAll: false,
  set: (update) => set(update),
}));
