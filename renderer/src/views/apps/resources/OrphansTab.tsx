// Objects of the application's namespace that no application tracks, when its project asks for
// them (AppProject orphanedResources, as in Argo CD); the project's ignore list leaves some out.
import { useLiveQuery } from '../live/useLiveQuery.ts';

export function OrphansTab({ name }: { name: string }) {
  const query = useLiveQuery(name, `orphans|${name}`, (client) => client.call('apps.orphans', { name }));
  if (query.error) return <p className="error">Cannot look for orphaned resources: {query.error}</p>;
  if (!query.data) return <p className="subtle">Looking for orphaned resources…</p>;
  const { enabled, warn, namespace, orphans } = query.data;
  if (!enabled)
    return (
      <p className="subtle">
        The project does not look for orphaned resources: set <span className="mono">orphanedResources</span>{' '}
        in its AppProject (with <span className="mono">warn: true</span> for a warning on the application).
      </p>
    );
  if (orphans.length === 0) return <p className="subtle">No orphaned resources in namespace {namespace}.</p>;
  return (
    <>
      <p>
        {orphans.length} object{orphans.length === 1 ? '' : 's'} in namespace {namespace} that no application
        tracks
        {warn ? '' : ' (the project asks for no warning)'}:
      </p>
      <table className="table" aria-label="Orphaned resources">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Group</th>
            <th>Name</th>
          </tr>
        </thead>
        <tbody>
          {orphans.map((orphan) => (
            <tr key={orphan.id}>
              <td>{orphan.kind}</td>
              <td>{orphan.group || 'core'}</td>
              <td className="mono">{orphan.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
