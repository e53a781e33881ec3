// The applications Plumbline keeps equal to git.
import { EmptyState } from '../components/EmptyState.tsx';
import { useApps } from '../stores/apps.ts';

export function ApplicationsView() {
  const apps = useApps((state) => state.apps);
  return (
    <section>
      <header className="view-header">
        <h1>Applications</h1>
      </header>
      {apps === null && <p className="subtle">Loading…</p>}
      {apps?.length === 0 && (
        <EmptyState title="No applications yet">
          <p>Applications are Argo CD Application manifests in your workspace folder.</p>
        </EmptyState>
      )}
      {apps && apps.length > 0 && (
        <ul className="list">
          {apps.map((app) => (
            <li key={app.name}>
              {app.name} <span className="subtle">{app.project}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
