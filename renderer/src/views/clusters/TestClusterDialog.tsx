// Tests a registered cluster with the credentials in the keychain, as `plumbline cluster test`
// does: the connection, then the rights a sync needs where Plumbline manages it. A failure points
// at Reconnect.
import { useEffect, useState } from 'react';
import type {
  ConnectionReport,
  PermissionReport,
  RegisteredCluster,
} from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ConnectionChecks } from './ConnectionChecks.tsx';
import { PermissionSummary } from './PermissionSummary.tsx';
import { useStep } from './useStep.ts';

export function TestClusterDialog({
  cluster,
  onReconnect,
  onClose,
}: {
  cluster: RegisteredCluster;
  onReconnect(): void;
  onClose(): void;
}) {
  const client = useClient();
  const testing = useStep();
  const [connection, setConnection] = useState<ConnectionReport | null>(null);
  const [permissions, setPermissions] = useState<PermissionReport | null>(null);
  const namespaces = cluster.namespaces ?? [];

  const test = () =>
    void testing.run(async () => {
      setConnection(null);
      setPermissions(null);
      const candidate = { source: 'registered', name: cluster.name } as const;
      const reached = await client.call('clusters.testConnection', { candidate });
      setConnection(reached);
      if (reached.authenticated)
        setPermissions(await client.call('clusters.checkPermissions', { candidate, namespaces }));
    });
  useEffect(test, [cluster.name]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Dialog title={`Test ${cluster.name}`} onClose={onClose}>
      <div className="wizard-step">
        <p className="subtle">
          {testing.busy ? 'Testing…' : `API server ${connection?.server ?? cluster.server}`}
        </p>
        {connection && <ConnectionChecks report={connection} />}
        {permissions && <PermissionSummary report={permissions} namespaces={namespaces} />}
        {testing.error && <p className="error problem">{testing.error}</p>}
        <div className="actions">
          <button onClick={test} disabled={testing.busy}>
            Test again
          </button>
          {connection && !connection.authenticated && (
            <button className="primary" onClick={onReconnect}>
              Reconnect…
            </button>
          )}
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </Dialog>
  );
}
