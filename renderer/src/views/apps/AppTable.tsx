// The list of applications: where each comes from, where it goes, and what is wrong with it.
import type { AppSummary } from '../../../../engine/api/contract.ts';
import { AppStatusCompact } from '../../components/StatusBadges.tsx';
import { useApps } from '../../stores/apps.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { describeDestination, describeSource, shortRevision } from './describe.ts';
import { PinPill } from './history/PinPill.tsx';
import { SyncWindowPill } from './sync/SyncWindowBanner.tsx';

function PhaseBadge({ app }: { app: AppSummary }) {
  const progress = useApps((state) => state.progress[app.name]);
  const errors = app.conditions.filter((c) => c.type.endsWith('Error')).length;
  if (errors > 0) return <span className="badge bad">{errors === 1 ? '1 error' : `${errors} errors`}</span>;
  if (app.operationRunning) return <span className="badge busy">syncing</span>;
  if (progress && !progress.done)
    return (
      <span className="badge busy" title={progress.message}>
        {progress.message}
      </span>
    );
  if (app.phase === 'rendered')
    return (
      <span className="badge ok">
        {app.resourceCount} {app.resourceCount === 1 ? 'object' : 'objects'}
      </span>
    );
  return <span className="badge">{app.phase}</span>;
}

export function AppTable({ apps }: { apps: AppSummary[] }) {
  const openApp = useNavigation((state) => state.openApp);
  return (
    <table className="table clickable" aria-label="Applications">
      <thead>
        <tr>
          <th>Name</th>
          <th>Project</th>
          <th>Source</th>
          <th>Destination</th>
          <th>Revision</th>
          <th>Status</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {apps.map((app) => (
          <tr
            key={app.name}
            onClick={() => openApp(app.name)}
            tabIndex={0}
            onKeyDown={(e) => e.key === 'Enter' && openApp(app.name)}
          >
            <td>
              {/* Spaces between the name and its pills: where the cell may wrap. */}
              <strong className="nowrap">{app.name}</strong>{' '}
              {app.autoSync && <span className="pill">auto-sync</span>} <PinPill app={app} />{' '}
              <SyncWindowPill app={app} />
            </td>
            <td>{app.project}</td>
            <td className="mono ellipsis" title={describeSource(app)}>
              {describeSource(app)}
            </td>
            <td>{describeDestination(app)}</td>
            <td className="mono">{shortRevision(app)}</td>
            <td>
              <AppStatusCompact app={app} />
            </td>
            <td>
              <PhaseBadge app={app} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
