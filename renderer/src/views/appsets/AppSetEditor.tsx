// Editing a set's YAML shows its blast radius first: the preview of what generating the edited
// text would create, change or delete, asked of the engine as the user pauses typing. Nothing is
// written until the user saves, and a set whose preview has errors cannot be saved: the engine
// refuses it too. Saving writes the set's file in the workspace (a commit in a git workspace).
import { useEffect, useState } from 'react';
import type { AppSetPreview } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { GitFileEdit } from './GitFileEdit.tsx';
import { PreviewList } from './PreviewList.tsx';
import type { AppSetPreviewInput } from './previewInput.ts';

const PAUSE_MS = 600;

export function AppSetEditor({
  name,
  initial,
  repositories,
  onClose,
}: {
  name: string;
  initial: string;
  /** The repositories its git generators read: a file there can be edited and previewed too. */
  repositories: string[];
  onClose(): void;
}) {
  const client = useClient();
  const [text, setText] = useState(initial);
  const [file, setFile] = useState<NonNullable<AppSetPreviewInput['files']>[number] | null>(null);
  const [preview, setPreview] = useState<AppSetPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const save = () => {
    setSaveError(null);
    client.call('appsets.save', { name, text }).then(
      (result) => setSaved(`${result.file}${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}`),
      (failure: Error) => setSaveError(failure.message),
    );
  };
  const savable =
    text !== initial && !busy && preview !== null && preview.errors.length === 0 && saved === null;

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      setBusy(true);
      client.call('appsets.preview', { text, ...(file ? { files: [file] } : {}) }).then(
        (result) => {
          if (!current) return;
          setPreview(result);
          setError(null);
          setBusy(false);
        },
        (failure: Error) => {
          if (!current) return;
          setError(failure.message);
          setBusy(false);
        },
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, file]);

  return (
    <div className="appset-editor">
      <div className="appset-editor-text">
        <label className="field">
          <span>ApplicationSet {name} (YAML)</span>
          <textarea
            className="mono"
            value={text}
            spellCheck={false}
            rows={Math.min(30, Math.max(12, text.split('\n').length + 1))}
            onChange={(event) => {
              setText(event.target.value);
              setSaved(null);
            }}
          />
        </label>
        <p className="subtle">
          Nothing is written until you save; a set whose preview shows errors cannot be saved.
        </p>
        {saved && <p role="note">Saved to {saved}: the set generates again.</p>}
        {saveError && <p className="error">Not saved: {saveError}</p>}
        <div className="row-buttons">
          <button className="primary" onClick={save} disabled={!savable}>
            Save
          </button>
          <button onClick={() => setText(initial)} disabled={text === initial}>
            Undo edits
          </button>
          <button onClick={onClose}>Close</button>
        </div>
        {repositories.length > 0 && (
          <GitFileEdit setName={name} repositories={repositories} onChange={setFile} />
        )}
      </div>
      <div className="appset-editor-preview">
        <h3>What this edit would do {busy && <span className="spinner" aria-label="previewing" />}</h3>
        {error && <p className="error">Could not preview: {error}</p>}
        {preview && <PreviewList preview={preview} />}
      </div>
    </div>
  );
}
