// Editing a live object's YAML: the server's dry run first shows what the object would become
// (defaults, admission, validation) as a diff against what it is; only then can it be applied.
// The edit carries the resourceVersion it was opened at, so a change made meanwhile is refused.
import { useEffect, useState } from 'react';
import type { ResourceDiff, TreeNode } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { DiffBody } from '../live/DiffBody.tsx';

interface Preview {
  liveYaml: string;
  resultYaml: string;
  changed: boolean;
}

function previewDiff(node: TreeNode, preview: Preview): ResourceDiff {
  return {
    id: node.id,
    key: node.key,
    status: preview.changed ? 'OutOfSync' : 'Synced',
    reason: preview.changed ? 'changed' : null,
    requiresPruning: false,
    hook: false,
    changedPaths: [],
    desiredYaml: preview.resultYaml,
    liveYaml: preview.liveYaml,
  };
}

export function EditManifestDialog({
  appName,
  node,
  onClose,
}: {
  appName: string;
  node: TreeNode;
  onClose(): void;
}) {
  const client = useClient();
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    client.call('resources.manifest', { name: appName, resource: { id: node.id } }).then(
      (answer) => setText(answer.yaml),
      (failure: Error) => setError(failure.message),
    );
  }, [client, appName, node.id]);
  const send = async (dryRun: boolean) => {
    if (text === null) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await client.call('resources.edit', {
        name: appName,
        resource: { id: node.id },
        yaml: text,
        dryRun,
      });
      if (dryRun) setPreview(answer);
      else onClose();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Edit ${node.key.kind} ${node.key.name}`} onClose={onClose} wide>
      {text === null && !error && <p className="subtle">Loading the live object…</p>}
      {text !== null && !preview && (
        <textarea
          className="edit-yaml mono"
          aria-label="Live manifest"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {preview && (
        <>
          <p>
            {preview.changed
              ? 'The server would make these changes (dry run; nothing is applied yet):'
              : 'The server would change nothing.'}
          </p>
          <DiffBody
            resource={previewDiff(node, preview)}
            layout="inline"
            scope="changed"
            desiredLabel="After the edit"
          />
        </>
      )}
      {error && <p className="error">{error}</p>}
      <div className="dialog-buttons">
        <button onClick={onClose}>Cancel</button>
        {preview ? (
          <>
            <button onClick={() => setPreview(null)}>Back to the text</button>
            <button className="primary" onClick={() => void send(false)} disabled={busy || !preview.changed}>
              Apply
            </button>
          </>
        ) : (
          <button className="primary" onClick={() => void send(true)} disabled={busy || text === null}>
            Preview (server dry run)
          </button>
        )}
      </div>
    </Dialog>
  );
}
