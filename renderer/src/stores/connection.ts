// Whether the UI can reach the engine right now.
import { create } from 'zustand';

interface ConnectionState {
  state: 'connecting' | 'open' | 'closed';
  error: string | null;
  set(update: Partial<Omit<ConnectionState, 'set'>>): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  state: 'connecting',
  error: null,
  set: (update) => set(update),
}));
