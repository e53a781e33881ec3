// What clusters' exec plugins printed on stderr (a device-code login's prompt, a warning), per
// cluster, kept until the user dismisses it. Only the end of a long output is kept.
import { create } from 'zustand';

const keptCharacters = 4_000;

interface PluginOutputState {
  byCluster: Record<string, string>;
  received(cluster: string, text: string): void;
  dismiss(cluster: string): void;
}

export const usePluginOutput = create<PluginOutputState>((set) => ({
  byCluster: {},
  received: (cluster, text) =>
    set((state) => ({
      byCluster: {
        ...state.byCluster,
        [cluster]: ((state.byCluster[cluster] ?? '') + text).slice(-keptCharacters),
      },
    })),
  dismiss: (cluster) =>
    set((state) => {
      const { [cluster]: _dismissed, ...rest } = state.byCluster;
      return { byCluster: rest };
    }),
}));
