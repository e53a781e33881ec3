// The clusters Plumbline can reach: the registered ones (credentials in the OS keychain,
// independent of any kubeconfig file) with the registration wizard, then the contexts of the
// user's kubeconfig, each of which can be registered, then the snapshots of their live state.
import { useState } from 'react';
import { clusterKey } from '../../../engine/api/contract.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { useClusters } from '../stores/clusters.ts';
import { ConnectionState } from './clusters/ConnectionState.tsx';
import { RegisteredClusterTable } from './clusters/RegisteredClusterTable.tsx';
import { RegisterWizard } from './clusters/RegisterWizard.tsx';
import { SnapshotsSection } from './clusters/SnapshotsSection.tsx';
import './clusters/clusters.css';

export function ClustersView() {
  const { list, error, states, registered } = useClusters();
  // null: closed; '' : opened without a context chosen.
  const [wizardContext, setWizardContext] = useState<string | null>(null);
  return (
    <section>
      <header className="view-header view-header-row">
        <div>
          <h1>Clusters</h1>
          <p className="subtle">
            Applications deploy to a registered cluster or a kubeconfig context by{' '}
            <span className="mono">destination.name</span> or <span className="mono">server</span>.
          </p>
        </div>
        <button className="primary" onClick={() => setWizardContext('')}>
          Register a cluster
        </button>
      </header>

      <h2 className="section-title">Registered clusters</h2>
      {registered === null && <p className="subtle">Loading…</p>}
      {registered?.length === 0 && (
        <EmptyState title="No registered clusters">
          <p>
            Register a cluster to keep its credentials in your OS keychain: it keeps working when the
            kubeconfig changes or is gone.
          </p>
        </EmptyState>
      )}
      {registered && registered.length > 0 && <RegisteredClusterTable clusters={registered} />}

      <h2 className="section-title">Kubeconfig contexts</h2>
      {list && <p className="subtle">From {list.files.join(', ')}</p>}
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
              <th aria-label="Actions" />
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
                  <ConnectionState state={states[clusterKey({ kind: 'context', name: context.name })]} />
                </td>
                <td className="row-actions">
                  <button onClick={() => setWizardContext(context.name)}>Register</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SnapshotsSection />
      {wizardContext !== null && (
        <RegisterWizard
          initialContext={wizardContext || undefined}
          onClose={() => setWizardContext(null)}
          onSaved={() => setWizardContext(null)}
        />
      )}
    </section>
  );
}
