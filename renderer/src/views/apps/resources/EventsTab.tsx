// The application's events: the Kubernetes Events of its objects and what users did to them in
// Plumbline (actions, deletes, edits), newest first, warnings marked.
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { useLiveQuery } from '../live/useLiveQuery.ts';
import './resources.css';

export function EventsTab({ name }: { name: string }) {
  const query = useLiveQuery(name, `app-events|${name}`, (client) => client.call('apps.events', { name }));
  if (query.error) return <p className="error">Cannot read the events: {query.error}</p>;
  if (!query.data) return <p className="subtle">Loading the events…</p>;
  if (query.data.events.length === 0)
    return (
      <p className="subtle">
        No events for this application’s objects (Kubernetes keeps them for about an hour).
      </p>
    );
  return (
    <table className="table events" aria-label="Application events">
      <thead>
        <tr>
          <th>Type</th>
          <th>Reason</th>
          <th>Object</th>
          <th>Message</th>
          <th>Count</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {query.data.events.map((event, index) => (
          <tr key={index}>
            <td className={event.type === 'Normal' ? '' : 'warning'}>{event.type}</td>
            <td
              className={event.origin === 'plumbline' ? 'origin-plumbline' : ''}
              title={event.source ?? undefined}
            >
              {event.reason}
            </td>
            <td className="mono">{event.object?.split('/').slice(1).join('/') ?? '—'}</td>
            <td>{event.message}</td>
            <td>{event.count}</td>
            <td title={event.lastSeen ?? undefined}>{event.lastSeen ? timeAgo(event.lastSeen) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
