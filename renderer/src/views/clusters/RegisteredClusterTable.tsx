// The registered clusters: where each is, its labels, the namespaces Plumbline manages there,
// what kind of credential the keychain holds (never the credential), its connection, and test,
// edit, reconnect (new server address or credentials) and remove. Removing deletes the keychain entry
// too, after a confirmation.
import { useState } from 'react';
import type { RegisteredCluster } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useClusters } from '../../stores/clusters.ts';
import { ConnectionState } from './ConnectionState.tsx';
import { EditClusterDialog } from './EditClusterDialog.tsx';
import { RegisterWizard } from './RegisterWizard.tsx';
import { TestClusterDialog } from './TestClusterDialog.tsx';
import { useStep } from './useStep.ts';

const AUTH: Record<string, string> = {
  token: 'token',
  clientCertificate: 'client certificate',
  exec: 'exec plugin',
  oidc: 'OIDC token',
  none: 'none',
};

export function RegisteredClusterTable({ clusters }: { clusters: RegisteredCluster[] }) {
  const client = useClient();
  const states = useClusters((state) => state.states);
  const [editing, setEditing] = useState<RegisteredCluster | null>(null);
  const [reconnecting, setReconnecting] = useState<RegisteredCluster | null>(null);
  const [testing, setTesting] = useState<RegisteredCluster | null>(null);
  const removing = useStep();

  const remove = (name: string) => {
    if (window.confirm(`Remove ${name}? Its credentials are deleted from your keychain.`))
      void removing.run(() => client.call('clusters.remove', { name }));
  };

  return (
    <>
      {removing.error && <p className="error">{removing.error}</p>}
      <table className="table" aria-label="Registered clusters">
        <thead>
          <tr>
            <th>Name</th>
            <th>Server</th>
            <th>Labels</th>
            <th>Namespaces</th>
            <th>Credential</th>
            <th>Connection</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {clusters.map((cluster) => (
            <tr key={cluster.name}>
              <td className="nowrap">{cluster.name}</td>
              <td className="mono">{cluster.server}</td>
              <td>
                {Object.entries(cluster.labels).map(([key, value]) => (
                  <span key={key} className="pill label">
                    {key}={value}
                  </span>
                ))}
              </td>
              <td>
                {cluster.namespaces?.map((namespace, index) => (
                  <span key={namespace} className="nowrap">
                    {index > 0 && ', '}
                    {namespace}
                  </span>
                )) ?? 'all'}
              </td>
              <td>
                {AUTH[cluster.authKind] ?? cluster.authKind}
                <span className="subtle"> in keychain</span>
              </td>
              <td>
                <ConnectionState state={states[cluster.key]} />
              </td>
              <td className="row-actions">
                <div className="row-buttons">
                  <button onClick={() => setTesting(cluster)}>Test</button>
                  <button onClick={() => setEditing(cluster)}>Edit</button>
                  <button onClick={() => setReconnecting(cluster)}>Reconnect</button>
                  <button className="danger" onClick={() => remove(cluster.name)}>
                    Remove
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <EditClusterDialog cluster={editing} onClose={() => setEditing(null)} />}
      {testing && (
        <TestClusterDialog
          cluster={testing}
          onReconnect={() => {
            setTesting(null);
            setReconnecting(testing);
          }}
          onClose={() => setTesting(null)}
        />
      )}
      {reconnecting && (
        <RegisterWizard
          reconnecting={reconnecting}
          onClose={() => setReconnecting(null)}
          onSaved={() => setReconnecting(null)}
        />
      )}
    </>
  );
}
