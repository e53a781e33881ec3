// Imports Argo CD's repository Secrets (secret-type repository or repo-creds) from YAML — pasted
// or read from a file — or from the argocd namespace of a cluster Plumbline can reach, and lists
// what was imported and what was skipped, with the reason.
import { useState } from 'react';
import type { CallInput, CallOutput } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, TextArea, TextField } from '../../components/fields.tsx';
import { useClusters } from '../../stores/clusters.ts';
import { useStep } from '../clusters/useStep.ts';

type Origin = 'yaml' | 'cluster';

export function ImportSecretsDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const importing = useStep();
  const { list, registered } = useClusters();
  const clusters = [
    ...(registered ?? []).map((cluster) => cluster.name),
    ...(list?.contexts ?? []).map((context) => context.name),
  ];
  const [origin, setOrigin] = useState<Origin>('yaml');
  const [yaml, setYaml] = useState('');
  const [source, setSource] = useState('');
  const [cluster, setCluster] = useState('');
  const [namespace, setNamespace] = useState('argocd');
  const [result, setResult] = useState<CallOutput<'repos.import'> | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setYaml(await file.text());
    setSource(file.name);
  };
  const run = async () => {
    const input: CallInput<'repos.import'> =
      origin === 'yaml'
        ? { yaml, ...(source ? { source } : {}) }
        : { cluster: cluster || clusters[0]!, namespace: namespace.trim() || 'argocd' };
    const done = await importing.run(() => client.call('repos.import', input));
    if (done) {
      setResult(done);
      setYaml('');
    }
  };

  return (
    <Dialog title="Import Argo CD repository secrets" onClose={onClose} wide>
      <div className="wizard-step">
        <Field label="From">
          <select value={origin} onChange={(e) => setOrigin(e.target.value as Origin)}>
            <option value="yaml">YAML (a file or pasted text)</option>
            <option value="cluster">A cluster</option>
          </select>
        </Field>
        {origin === 'yaml' && (
          <>
            <Field label="File">
              <input
                type="file"
                accept=".yaml,.yml,.json"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </Field>
            <TextArea label="Secrets (YAML)" value={yaml} onChange={setYaml} rows={8} />
          </>
        )}
        {origin === 'cluster' && (
          <>
            <Field label="Cluster">
              <select value={cluster || clusters[0] || ''} onChange={(e) => setCluster(e.target.value)}>
                {clusters.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </Field>
            <TextField label="Namespace" value={namespace} onChange={setNamespace} />
          </>
        )}
        {importing.error && (
          <p className="error problem" role="alert">
            {importing.error}
          </p>
        )}
        {result && (
          <div aria-label="Import result">
            <p className="ok-text">
              Imported {result.imported.length} {result.imported.length === 1 ? 'secret' : 'secrets'}
            </p>
            <ul>
              {result.imported.map((entry) => (
                <li key={entry.secret}>
                  {entry.secret}: <span className="mono">{entry.url}</span> ({entry.kind})
                </li>
              ))}
              {result.skipped.map((entry) => (
                <li key={entry.secret} className="warning">
                  {entry.secret} skipped: {entry.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button
            className="primary"
            disabled={importing.busy || (origin === 'yaml' ? !yaml.trim() : clusters.length === 0)}
            onClick={() => void run()}
          >
            {importing.busy ? 'Importing…' : 'Import'}
          </button>
          <button onClick={onClose}>{result ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </Dialog>
  );
}
