// What generating an edited set would do: each application to create, change or delete (or kept
// by the set's policy), with the unified diff of its definition, coloured line by line.
import type { AppSetPreview, AppSetPreviewEntry } from '../../../../engine/api/contract.ts';

const ACTION_TEXT: Record<AppSetPreviewEntry['action'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  keep: 'kept by the policy',
  unchanged: 'unchanged',
};

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('===')) return 'patch-meta';
  if (line.startsWith('@@')) return 'patch-hunk';
  if (line.startsWith('+')) return 'patch-added';
  if (line.startsWith('-')) return 'patch-removed';
  return '';
}

function Patch({ text }: { text: string }) {
  // the ==== rule and the file names say nothing the entry's title does not
  const lines = text.split('\n').filter((line) => line !== '' && !/^(=+$|--- |\+\+\+ )/.test(line));
  return (
    <pre className="patch" aria-label="diff of the definition">
      {lines.map((line, index) => (
        <span key={index} className={lineClass(line)}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export function PreviewList({ preview }: { preview: AppSetPreview }) {
  if (preview.errors.length > 0)
    return (
      <div className="appset-preview" role="status">
        <p className="error">The edited set does not generate: none of its applications would change.</p>
        <ul className="conditions">
          {preview.errors.map((error, index) => (
            <li key={index} className="condition error">
              {error}
            </li>
          ))}
        </ul>
      </div>
    );
  const count = (action: AppSetPreviewEntry['action']) =>
    preview.entries.filter((entry) => entry.action === action).length;
  const changed = preview.entries.filter((entry) => entry.action !== 'unchanged');
  return (
    <div className="appset-preview" role="status">
      <p>
        <span className="preview-count action-create">{count('create')} created</span>
        <span className="preview-count action-update">{count('update')} changed</span>
        <span className="preview-count action-delete">{count('delete')} deleted</span>
        {count('keep') > 0 && (
          <span className="preview-count action-keep">{count('keep')} kept by the policy</span>
        )}
        <span className="subtle">{count('unchanged')} unchanged</span>
      </p>
      {changed.length === 0 && <p className="subtle">Nothing would change.</p>}
      {changed.map((entry) => (
        <details key={entry.name} className="manifest" open={changed.length <= 3}>
          <summary>
            <span className={`badge action-${entry.action}`}>{ACTION_TEXT[entry.action]}</span>{' '}
            <strong>{entry.name}</strong>
            {entry.note && <span className="subtle"> — {entry.note}</span>}
          </summary>
          <Patch text={entry.patch} />
        </details>
      ))}
    </div>
  );
}
