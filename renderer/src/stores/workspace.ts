// Where the application definitions live, and whether it is the bundled demo.
import { create } from 'zustand';
import type { WorkspaceInfo } from '../../../engine/api/contract.ts';

interface WorkspaceState {
  info: WorkspaceInfo | null;
  received(info: WorkspaceInfo): void;
}

export const useWorkspace = create<WorkspaceState>((set) => ({
  info: null,
  received: (info) => set({ info }),
}));
