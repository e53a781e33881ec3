// The workspace's ApplicationSets: what each generates from (in words), its applications with
// their statuses and parameters, what went wrong, and a preview of any edit before it is written.
import { EmptyState } from '../components/EmptyState.tsx';
import { AppSetCard } from './appsets/AppSetCard.tsx';
import { useAppSets } from './appsets/useAppSets.ts';
import './appsets/appsets.css';

export function AppSetsView() {
  const { sets, error } = useAppSets();
  return (
    <section>
      <header className="view-header">
        <h1>ApplicationSets</h1>
        <p className="subtle">
          Each set generates applications from its generators; they are listed with the others, marked with
          their set.
        </p>
      </header>
      {error && <p className="error">Could not list the ApplicationSets: {error}</p>}
      {sets === null && !error && <p className="subtle">Loading…</p>}
      {sets?.length === 0 && (
        <EmptyState title="No ApplicationSets">
          <p>ApplicationSets come from the ApplicationSet YAML of the workspace folder.</p>
        </EmptyState>
      )}
      {sets?.map((set) => (
        <AppSetCard key={set.name} set={set} />
      ))}
    </section>
  );
}
