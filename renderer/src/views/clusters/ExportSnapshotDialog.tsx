// Exports a snapshot of a cluster that answers now — a registered cluster or a kubeconfig
// context, optionally only some namespaces — and hands the file to the browser as a download.
import { useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, TextField } from '../../components/fields.tsx';
import { useClusters } from '../../stores/clusters.ts';
import { parseNamespaces } from './clusterText.ts';
import { base64ToBytes, exportSources } from './snapshotFiles.ts';
import { useStep } from './useStep.ts';

/** Saves the bytes as a file the way the page's host does: a download (desktop: a save dialog). */
function download(fileName: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/gzip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own copy once it started
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportSnapshotDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const { registered, list } = useClusters();
  const sources = exportSources(registered, list);
  const [chosen, setChosen] = useState(0);
  const [namespaces, setNamespaces] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const exporting = useStep();

  const run = async () => {
    const source = sources[chosen];
    if (!source) return;
    setDone(null);
    const picked = parseNamespaces(namespaces);
    const file = await exporting.run(() =>
      client.call('snapshots.export', {
        ...source.value,
        ...(picked.length > 0 ? { namespaces: picked } : {}),
      }),
    );
    if (!file) return;
    download(file.fileName, base64ToBytes(file.contentBase64));
    setDone(file.fileName);
  };

  return (
    <Dialog title="Export a snapshot" onClose={onClose}>
      <div className="wizard-step">
        <p className="subtle">
          Reads the cluster now and saves its objects (of the namespaces given, and cluster-wide ones) as a
          snapshot file — gzip-compressed JSON, no Secret values — to inspect drift where the cluster cannot
          be reached.
        </p>
        {sources.length === 0 ? (
          <p className="warning">No cluster to export from: register one or add a kubeconfig context.</p>
        ) : (
          <Field label="Cluster">
            <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {sources.map((source, index) => (
                <option key={source.label} value={index}>
                  {source.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <TextField
          label="Namespaces"
          value={namespaces}
          placeholder="empty: every namespace"
          onChange={setNamespaces}
        />
        {exporting.busy && (
          <p className="progress" role="status">
            <span className="spinner" /> Reading the cluster…
          </p>
        )}
        {exporting.error && <p className="error problem">{exporting.error}</p>}
        {done && (
          <p className="ok-text" role="status">
            Saved <span className="mono">{done}</span>.
          </p>
        )}
        <div className="actions">
          <button
            className="primary"
            disabled={exporting.busy || sources.length === 0}
            onClick={() => void run()}
          >
            Export
          </button>
          <button onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </Dialog>
  );
}
