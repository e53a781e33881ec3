// The wizard's last step: a name and labels, then save. Only now does a credential reach the
// keychain; the registry file gets everything else.
import { useState } from 'react';
import type { ClusterCandidate, RegisteredCluster } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { parseLabels, parseNamespaces } from './clusterText.ts';
import { useStep } from './useStep.ts';
import { TextField } from '../../components/fields.tsx';
import { LabelsField } from './clusterFields.tsx';

export function SaveStep({
  candidate,
  suggestedName,
  namespaces,
  onBack,
  onSaved,
}: {
  candidate: ClusterCandidate;
  suggestedName: string;
  namespaces: string;
  onBack(): void;
  onSaved(cluster: RegisteredCluster): void;
}) {
  const client = useClient();
  const saving = useStep();
  const [name, setName] = useState(suggestedName);
  const [labelText, setLabelText] = useState('');
  const labels = parseLabels(labelText);

  const save = async () => {
    if (!('labels' in labels)) return;
    const chosen = parseNamespaces(namespaces);
    const result = await saving.run(() =>
      client.call('clusters.register', {
        candidate,
        name: name.trim(),
        labels: labels.labels,
        ...(chosen.length > 0 ? { namespaces: chosen } : {}),
      }),
    );
    if (result) onSaved(result.cluster);
  };

  return (
    <div className="wizard-step">
      <TextField label="Name" value={name} onChange={setName} />
      <p className="subtle hint">
        Applications deploy here with <span className="mono">destination.name: {name.trim() || '…'}</span>
      </p>
      <LabelsField value={labelText} onChange={setLabelText} />
      {'problem' in labels && <p className="error">{labels.problem}</p>}
      {saving.error && <p className="error problem">{saving.error}</p>}
      <div className="actions">
        <button onClick={onBack}>Back</button>
        <button
          className="primary"
          disabled={saving.busy || !name.trim() || /\s/.test(name.trim()) || 'problem' in labels}
          onClick={() => void save()}
        >
          {saving.busy ? 'Saving…' : 'Save cluster'}
        </button>
      </div>
    </div>
  );
}
