// The clusters Plumbline can reach: for now, the contexts of the user's kubeconfig.
import { EmptyState } from '../components/EmptyState.tsx';
import type { ClusterState } from '../../../engine/api/contract.ts';
import { useClusters } from '../stores/clusters.ts';

/** Plumbline connects to a cluster only when an application deploys there. */
function ConnectionState({ state }: { state: ClusterState | undefined }) {
  if (!state) return <span className="subtle">not in use</span>;
  const tone = { connecting: 'busy', connected: 'ok', degraded: 'busy', unreachable: 'bad' }[state.state];
  return (
    <span className={`badge ${tone}`} title={state.reason ?? state.state}>
      {state.state}
    </span>
  );
}

export function ClustersView() {
  const { list, error, states } = useClusters();
  return (
    <section>
      <header className="view-header">
        <h1>Clusters</h1>
        {list && <p className="subtle">Contexts from {list.files.join(', ')}</p>}
      </header>
      {error && <p className="error">Could not read your kubeconfig: {error}</p>}
      {list?.problems.map((problem) => (
        <p key={problem.file} className="warning">
          {problem.message}
        </p>
      ))}
      {list === null && !error && <p className="subtle">Loading…</p>}
      {list && list.contexts.length === 0 && (
        <EmptyState title="No kubeconfig contexts">
          <p>
            Plumbline found no contexts in your kubeconfig. Set <code>KUBECONFIG</code> or create{' '}
            <code>~/.kube/config</code>; the list updates as soon as the file changes.
          </p>
        </EmptyState>
      )}
      {list && list.contexts.length > 0 && (
        <table className="table" aria-label="Kubeconfig contexts">
          <thead>
            <tr>
              <th>Context</th>
              <th>Cluster</th>
              <th>Server</th>
              <th>User</th>
              <th>Namespace</th>
              <th>Connection</th>
            </tr>
          </thead>
          <tbody>
            {list.contexts.map((context) => (
              <tr key={context.name}>
                <td>
                  {context.name} {context.current && <span className="pill">current</span>}
                </td>
                <td>{context.cluster}</td>
                <td className="mono">{context.server ?? '—'}</td>
                <td>{context.user}</td>
                <td>{context.namespace ?? 'default'}</td>
                <td>
                  <ConnectionState state={states[context.name]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
