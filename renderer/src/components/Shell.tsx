// The app's frame: navigation on the left, the chosen view on the right.
import { useConnection } from '../stores/connection.ts';
import { useNavigation, views, type View } from '../stores/navigation.ts';
import { ApplicationsView } from '../views/ApplicationsView.tsx';
import { AppSetsView } from '../views/AppSetsView.tsx';
import { ClustersView } from '../views/ClustersView.tsx';
import { ProjectsView } from '../views/ProjectsView.tsx';
import { RepositoriesView } from '../views/RepositoriesView.tsx';
import { SettingsView } from '../views/SettingsView.tsx';
import { PluginOutputNotice } from './PluginOutputNotice.tsx';

const viewComponents: Record<View, () => React.JSX.Element> = {
  Applications: ApplicationsView,
  ApplicationSets: AppSetsView,
  Clusters: ClustersView,
  Repositories: RepositoriesView,
  Projects: ProjectsView,
  Settings: SettingsView,
};

function ConnectionBadge() {
  const { state, error } = useConnection();
  const label = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected' }[state];
  return (
    <div className={`connection connection-${state}`} title={error ?? label}>
      <span className="dot" /> {label}
    </div>
  );
}

export function Shell() {
  const { view, go } = useNavigation();
  const Current = viewComponents[view];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark">⊥</span> Plumbline
        </div>
        {views.map((name) => (
          <button
            key={name}
            className={name === view ? 'nav-item active' : 'nav-item'}
            onClick={() => go(name)}
            aria-current={name === view ? 'page' : undefined}
          >
            {name}
          </button>
        ))}
        <div className="sidebar-foot">
          <ConnectionBadge />
        </div>
      </nav>
      <main className="content">
        <PluginOutputNotice />
        <Current />
      </main>
    </div>
  );
}
