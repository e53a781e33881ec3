// Imports a snapshot file — Plumbline's own, or `kubectl get -o yaml` output — for a cluster
// Plumbline knows or as a new offline-only cluster, so drift can be inspected with no network.
import { useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, TextField } from '../../components/fields.tsx';
import { useClusters } from '../../stores/clusters.ts';
import { useSnapshots } from '../../stores/snapshots.ts';
import { bytesToBase64, clusterNameProblem, importTargets } from './snapshotFiles.ts';
import { useStep } from './useStep.ts';

/** The select's values besides a cluster's name. */
const FROM_FILE = '';
const NEW_CLUSTER = '\u0000new';

export function ImportSnapshotDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const { registered, list } = useClusters();
  const snapshots = useSnapshots((state) => state.snapshots);
  const targets = importTargets(registered, list, snapshots);
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState(FROM_FILE);
  const [newName, setNewName] = useState('');
  const [done, setDone] = useState<{ cluster: string; objects: number } | null>(null);
  const importing = useStep();
  const nameProblem = target === NEW_CLUSTER ? clusterNameProblem(newName) : null;

  const run = async () => {
    if (!file || nameProblem) return;
    setDone(null);
    const cluster = target === NEW_CLUSTER ? newName.trim() : target;
    const result = await importing.run(async () =>
      client.call('snapshots.import', {
        contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
        ...(cluster ? { cluster } : {}),
      }),
    );
    if (result) setDone(result);
  };

  return (
    <Dialog title="Import a snapshot" onClose={onClose}>
      <div className="wizard-step">
        <p className="subtle">
          A snapshot file exported by Plumbline, or the output of{' '}
          <code>kubectl get deploy,svc,cm -A -o yaml</code>. Applications deploying to its cluster then show
          their drift and health as of the snapshot.
        </p>
        <label
          className="drop-zone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            setFile(e.dataTransfer.files[0] ?? null);
          }}
        >
          <input
            type="file"
            aria-label="Snapshot file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setDone(null);
            }}
          />
          <span>{file ? `${file.name} chosen.` : 'Drop a snapshot file here, or choose one.'}</span>
        </label>
        <Field label="Attach to">
          <select aria-label="Attach to" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value={FROM_FILE}>The cluster the file names</option>
            {targets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={NEW_CLUSTER}>A new offline-only cluster…</option>
          </select>
        </Field>
        {target === NEW_CLUSTER && (
          <TextField
            label="Offline cluster name"
            value={newName}
            placeholder="air-gapped-prod"
            onChange={setNewName}
          />
        )}
        {nameProblem && newName !== '' && <p className="error">{nameProblem}</p>}
        {importing.error && <p className="error problem">{importing.error}</p>}
        {done && (
          <p className="ok-text" role="status">
            Imported {done.objects} objects for <strong>{done.cluster}</strong>.
          </p>
        )}
        <div className="actions">
          <button
            className="primary"
            disabled={importing.busy || !file || nameProblem !== null}
            onClick={() => void run()}
          >
            {importing.busy ? 'Importing…' : 'Import'}
          </button>
          <button onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </Dialog>
  );
}
