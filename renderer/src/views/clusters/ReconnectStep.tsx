// The wizard's last step when it reconnects a registered cluster: the chosen server address and
// credentials replace the old ones (in the keychain too); name, labels and namespaces stay.
import type { ClusterCandidate, RegisteredCluster } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useStep } from './useStep.ts';

export function ReconnectStep({
  cluster,
  candidate,
  onBack,
  onSaved,
}: {
  cluster: RegisteredCluster;
  candidate: ClusterCandidate;
  onBack(): void;
  onSaved(cluster: RegisteredCluster): void;
}) {
  const client = useClient();
  const saving = useStep();

  const save = async () => {
    const result = await saving.run(() =>
      client.call('clusters.reconnect', { name: cluster.name, candidate }),
    );
    if (result) onSaved(result.cluster);
  };

  return (
    <div className="wizard-step">
      <p>
        Plumbline will reach <strong>{cluster.name}</strong> with the server address and credentials you
        chose; the old credentials leave your keychain. Its name, labels and namespaces stay, and the
        applications deploying to it reconnect.
      </p>
      {saving.error && <p className="error problem">{saving.error}</p>}
      <div className="actions">
        <button onClick={onBack}>Back</button>
        <button className="primary" disabled={saving.busy} onClick={() => void save()}>
          {saving.busy ? 'Saving…' : 'Save new credentials'}
        </button>
      </div>
    </div>
  );
}
