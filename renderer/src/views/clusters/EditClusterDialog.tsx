// Edits a registered cluster: its name (the keychain entry moves with it), labels and the
// namespaces Plumbline may manage. A new server address or credentials: Reconnect.
import { useState } from 'react';
import type { RegisteredCluster } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { formatLabels, parseLabels, parseNamespaces } from './clusterText.ts';
import { useStep } from './useStep.ts';
import { TextField } from '../../components/fields.tsx';
import { LabelsField, NamespacesField } from './clusterFields.tsx';

export function EditClusterDialog({ cluster, onClose }: { cluster: RegisteredCluster; onClose(): void }) {
  const client = useClient();
  const saving = useStep();
  const [name, setName] = useState(cluster.name);
  const [labelText, setLabelText] = useState(formatLabels(cluster.labels));
  const [namespaces, setNamespaces] = useState(cluster.namespaces?.join(', ') ?? '');
  const labels = parseLabels(labelText);

  const save = async () => {
    if (!('labels' in labels)) return;
    const chosen = parseNamespaces(namespaces);
    const result = await saving.run(() =>
      client.call('clusters.update', {
        name: cluster.name,
        ...(name.trim() !== cluster.name ? { newName: name.trim() } : {}),
        labels: labels.labels,
        namespaces: chosen.length > 0 ? chosen : null,
      }),
    );
    if (result) onClose();
  };

  return (
    <Dialog title={`Edit ${cluster.name}`} onClose={onClose}>
      <div className="wizard-step">
        <TextField label="Name" value={name} onChange={setName} />
        <LabelsField value={labelText} onChange={setLabelText} />
        <NamespacesField value={namespaces} onChange={setNamespaces} />
        {'problem' in labels && <p className="error">{labels.problem}</p>}
        {saving.error && <p className="error problem">{saving.error}</p>}
        <div className="actions">
          <button
            className="primary"
            disabled={saving.busy || !name.trim() || 'problem' in labels}
            onClick={() => void save()}
          >
            Save
          </button>
          <button onClick={onClose}>Cancel</button>
        </div>
      </div>
    </Dialog>
  );
}
