// The clusters Plumbline can reach: for now, the contexts of the user's kubeconfig.
import { EmptyState } from '../components/EmptyState.tsx';
import { useClusters } from '../stores/clusters.ts';

export function ClustersView() {
  const { list, error } = useClusters();
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
