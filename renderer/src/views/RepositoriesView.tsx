// The repositories Plumbline may read with credentials: repositories and credential templates
// (Argo CD's repository and repo-creds Secrets, which can be imported), each testable, then what
// it trusts: ssh known hosts, https CAs, and the GnuPG keys projects may require signatures of.
// Secrets live in the OS keychain; this view only ever knows which kinds are stored.
import { useState } from 'react';
import { EmptyState } from '../components/EmptyState.tsx';
import { useRepos } from '../stores/repos.ts';
import { AddRepositoryDialog } from './repos/AddRepositoryDialog.tsx';
import { GpgKeysSection } from './repos/GpgKeysSection.tsx';
import { ImportSecretsDialog } from './repos/ImportSecretsDialog.tsx';
import { RepositoryTable } from './repos/RepositoryTable.tsx';
import { TrustSection } from './repos/TrustSection.tsx';

export function RepositoriesView() {
  const { view, error } = useRepos();
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  return (
    <section>
      <header className="view-header view-header-row">
        <div>
          <h1>Repositories</h1>
          <p className="subtle">
            Credentials for private git repositories, Helm repositories and OCI registries, kept in your OS
            keychain. Public repositories need nothing here.
          </p>
        </div>
        <div className="actions">
          <button onClick={() => setDialog('import')}>Import Argo CD secrets</button>
          <button className="primary" onClick={() => setDialog('add')}>
            Connect a repository
          </button>
        </div>
      </header>
      {error && <p className="error">Could not list the repositories: {error}</p>}
      {view === null && !error && <p className="subtle">Loading…</p>}
      {view?.repositories.length === 0 && (
        <EmptyState title="No repository credentials">
          <p>
            Connect a private repository, add a credential template for every repository under a URL, or
            import the repository Secrets of an Argo CD installation.
          </p>
        </EmptyState>
      )}
      {view && view.repositories.length > 0 && <RepositoryTable entries={view.repositories} />}
      {view && <TrustSection view={view} />}
      <GpgKeysSection />
      {dialog === 'add' && <AddRepositoryDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportSecretsDialog onClose={() => setDialog(null)} />}
    </section>
  );
}
