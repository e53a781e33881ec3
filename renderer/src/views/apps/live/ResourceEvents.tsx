// The Kubernetes events of one object, newest first, warnings marked.
import type { KubeEvent } from '../../../../../engine/api/contract.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { useLiveQuery } from './useLiveQuery.ts';

const newestFirst = (a: KubeEvent, b: KubeEvent) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '');

export function ResourceEvents({ appName, id }: { appName: string; id: string }) {
  const query = useLiveQuery(appName, `events|${id}`, (client) =>
    client.call('apps.resourceEvents', { name: appName, id }),
  );
  if (query.error) return <p className="error">Cannot read events: {query.error}</p>;
  if (!query.data) return <p className="subtle">Loading events…</p>;
  if (query.data.events.length === 0)
    return <p className="subtle">No events for this object (Kubernetes keeps them for about an hour).</p>;
  return (
    <table className="table events">
      <thead>
        <tr>
          <th>Type</th>
          <th>Reason</th>
          <th>Message</th>
          <th>Count</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {[...query.data.events].sort(newestFirst).map((event, index) => (
          <tr key={index}>
            <td className={event.type === 'Normal' ? '' : 'warning'}>{event.type}</td>
            <td>{event.reason}</td>
            <td title={event.source ?? undefined}>{event.message}</td>
            <td>{event.count}</td>
            <td title={event.lastSeen ?? undefined}>{event.lastSeen ? timeAgo(event.lastSeen) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
