// The applications Plumbline keeps equal to git: the list, or one application's detail or form.
import { EmptyState } from '../components/EmptyState.tsx';
import { useClient } from '../clientContext.ts';
import { useApps } from '../stores/apps.ts';
import { useNavigation } from '../stores/navigation.ts';
import { useWorkspace } from '../stores/workspace.ts';
import { AppDetail } from './apps/AppDetail.tsx';
import { AppForm } from './apps/AppForm.tsx';
import { AppTable } from './apps/AppTable.tsx';

export function ApplicationsView() {
  const client = useClient();
  const apps = useApps((state) => state.apps);
  const workspace = useWorkspace((state) => state.info);
  const { app, editing, edit } = useNavigation();

  if (editing) return <AppForm editing={editing} />;
  if (app) return <AppDetail name={app} />;
  return (
    <section>
      <header className="view-header row">
        <div>
          <h1>Applications</h1>
          {workspace && (
            <p className="subtle">
              {workspace.isDemo ? 'Demo workspace' : 'Workspace'}{' '}
              <span className="mono">{workspace.dir}</span>
              {workspace.isGitRepository && <span className="pill">git</span>}
            </p>
          )}
        </div>
        <button className="primary" onClick={() => edit('new')}>
          New application
        </button>
      </header>
      {workspace?.problems.map((problem, index) => (
        <p key={index} className="warning">
          {problem.message} {problem.file && <span className="mono">{problem.file}</span>}
        </p>
      ))}
      {apps === null && <p className="subtle">Loading…</p>}
      {apps?.length === 0 && (
        <EmptyState title="No applications yet">
          <p>
            Applications are Argo CD <code>Application</code> manifests in your workspace folder. Create one
            here, copy existing manifests into the folder, or explore the bundled demo.
          </p>
          <div className="actions">
            <button className="primary" onClick={() => edit('new')}>
              New application
            </button>
            {!workspace?.isDemo && (
              <button onClick={() => void client.call('workspace.openDemo')}>Open the demo workspace</button>
            )}
          </div>
        </EmptyState>
      )}
      {apps && apps.length > 0 && <AppTable apps={apps} />}
    </section>
  );
}
