// The engine's settings as the Settings view shows them; kept current by `settings.changed`.
import { create } from 'zustand';
import type { SettingsView } from '../../../engine/api/contract.ts';

interface SettingsState {
  view: SettingsView | null;
  received(view: SettingsView): void;
}

export const useSettings = create<SettingsState>((set) => ({
  view: null,
  received: (view) => set({ view }),
}));
