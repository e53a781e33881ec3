// An edit of a file the set's git generators read (a cluster's config.json, say), previewed
// before it is committed: the user picks the repository and the path, the file is read at the
// revision the generator reads, and the edited text goes with every preview. Nothing is written:
// the file lives in someone's repository, where the commit is made.
import { useState } from 'react';
import type { AppSetPreviewInput } from './previewInput.ts';
import { useClient } from '../../clientContext.ts';

type EditedFile = NonNullable<AppSetPreviewInput['files']>[number];

/** The repositories the set's git generators read, nested matrix and merge children included. */
export function gitRepositoriesOf(definition: Record<string, unknown> | null | undefined): string[] {
  const found = new Set<string>();
  const walk = (generators: unknown) => {
    if (!Array.isArray(generators)) return;
    for (const generator of generators as Record<string, unknown>[]) {
      const git = generator?.git as { repoURL?: unknown } | undefined;
      if (typeof git?.repoURL === 'string' && !git.repoURL.includes('{{')) found.add(git.repoURL);
      for (const kind of ['matrix', 'merge'])
        walk((generator?.[kind] as { generators?: unknown } | undefined)?.generators);
    }
  };
  walk((definition?.spec as { generators?: unknown } | undefined)?.generators);
  return [...found];
}

export function GitFileEdit({
  setName,
  repositories,
  onChange,
}: {
  setName: string;
  repositories: string[];
  onChange(file: EditedFile | null): void;
}) {
  const client = useClient();
  const [repoURL, setRepoURL] = useState(repositories[0] ?? '');
  const [path, setPath] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ repoURL: string; path: string; original: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setError(null);
    client.call('appsets.file', { name: setName, repoURL, path }).then(
      (result) => {
        const original = result.text ?? '';
        setOpened({ repoURL, path, original });
        setText(original);
        onChange(null);
      },
      (failure: Error) => setError(failure.message),
    );
  };
  const edit = (value: string) => {
    setText(value);
    if (opened)
      onChange(
        value === opened.original ? null : { repoURL: opened.repoURL, path: opened.path, text: value },
      );
  };
  const close = () => {
    setOpened(null);
    setText(null);
    onChange(null);
  };

  return (
    <fieldset className="group-box git-file-edit">
      <legend>A file its git generators read</legend>
      <div className="row-buttons">
        {repositories.length > 1 && (
          <select
            aria-label="Repository"
            value={repoURL}
            onChange={(event) => setRepoURL(event.target.value)}
          >
            {repositories.map((url) => (
              <option key={url}>{url}</option>
            ))}
          </select>
        )}
        <input
          aria-label="Path in the repository"
          className="mono"
          placeholder="envs/prod/config.json"
          value={path}
          onChange={(event) => setPath(event.target.value)}
        />
        <button onClick={open} disabled={path.trim() === ''}>
          Open
        </button>
        {opened && <button onClick={close}>Close file</button>}
      </div>
      {error && <p className="error">{error}</p>}
      {opened && text !== null && (
        <label className="field">
          <span>
            {opened.path} {opened.original === '' ? '(new file)' : ''}
          </span>
          <textarea
            className="mono"
            aria-label={`Edited ${opened.path}`}
            value={text}
            spellCheck={false}
            rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
            onChange={(event) => edit(event.target.value)}
          />
        </label>
      )}
      <p className="subtle">
        The preview shows what committing this edit would do; commit it in{' '}
        {repositories.length > 1 ? 'its' : 'the'} repository to apply it.
      </p>
    </fieldset>
  );
}
