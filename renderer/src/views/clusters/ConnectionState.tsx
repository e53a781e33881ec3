// A cluster's connection as the engine reports it; Plumbline connects to a cluster only when an
// application deploys there.
import type { ClusterState } from '../../../../engine/api/contract.ts';

export function ConnectionState({ state }: { state: ClusterState | undefined }) {
  if (!state) return <span className="subtle">not in use</span>;
  const tone = { connecting: 'busy', connected: 'ok', degraded: 'busy', unreachable: 'bad' }[state.state];
  return (
    <span className={`badge ${tone}`} title={state.reason ?? state.state}>
      {state.state}
    </span>
  );
}
