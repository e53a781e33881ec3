// The configured repositories and credential templates: what each is, which credentials the
// keychain holds for it (never their values), and the actions Test and Remove. A test's answer
// stays beside the row until the next test.
import { useState } from 'react';
import type { ReposView } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { storedCredentials, testHeadline } from './repoText.ts';

type RepoEntry = ReposView['repositories'][number];
interface TestOutcome {
  busy: boolean;
  ok?: boolean;
  headline?: string;
  message?: string;
}

export function RepositoryTable({ entries }: { entries: RepoEntry[] }) {
  const client = useClient();
  const [outcomes, setOutcomes] = useState<Record<string, TestOutcome>>({});
  const [removeError, setRemoveError] = useState<string | null>(null);
  const rowKey = (entry: RepoEntry) => `${entry.kind}:${entry.key}`;
  const record = (entry: RepoEntry, outcome: TestOutcome) =>
    setOutcomes((current) => ({ ...current, [rowKey(entry)]: outcome }));

  const test = async (entry: RepoEntry) => {
    record(entry, { busy: true });
    try {
      const result = await client.call('repos.test', { url: entry.url });
      record(entry, {
        busy: false,
        ok: result.ok,
        headline: testHeadline(result.problem),
        message: result.message,
      });
    } catch (error) {
      record(entry, { busy: false, ok: false, headline: 'Failed', message: (error as Error).message });
    }
  };
  const remove = async (entry: RepoEntry) => {
    setRemoveError(null);
    await client
      .call('repos.remove', { url: entry.url, kind: entry.kind })
      .catch((error: Error) => setRemoveError(error.message));
  };

  return (
    <>
      {removeError && <p className="error problem">{removeError}</p>}
      <table className="table" aria-label="Repositories">
        <thead>
          <tr>
            <th>URL</th>
            <th>Type</th>
            <th>Name</th>
            <th>Project</th>
            <th>Credentials</th>
            <th>Connection</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const outcome = outcomes[rowKey(entry)];
            return (
              <tr key={rowKey(entry)}>
                <td className="mono">
                  {entry.url} {entry.kind === 'template' && <span className="pill">template</span>}
                </td>
                <td>
                  {entry.type}
                  {entry.enableOCI && ' (OCI)'}
                  {entry.insecure && <span className="pill warning">insecure</span>}
                </td>
                <td>{entry.name ?? '—'}</td>
                <td>{entry.project ?? '—'}</td>
                <td>
                  {storedCredentials(entry)}
                  {entry.importedFrom && <div className="subtle">imported from {entry.importedFrom}</div>}
                </td>
                <td aria-label={`Connection of ${entry.url}`}>
                  {outcome?.busy && <span className="subtle">Testing…</span>}
                  {outcome && !outcome.busy && (
                    <span className={outcome.ok ? 'ok-text' : 'error'} title={outcome.message}>
                      {outcome.headline}
                      {!outcome.ok && <div className="subtle">{outcome.message}</div>}
                    </span>
                  )}
                </td>
                <td className="row-actions">
                  {entry.kind === 'repository' && (
                    <button disabled={outcome?.busy} onClick={() => void test(entry)}>
                      Test
                    </button>
                  )}
                  <button onClick={() => void remove(entry)} aria-label={`Remove ${entry.url}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
