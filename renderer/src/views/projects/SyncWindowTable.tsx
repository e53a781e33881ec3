// A project's sync windows: allow or deny, when (cron, duration, time zone), what it applies
// to, whether manual syncs get through, and where it stands now.
import type { ProjectSyncWindow } from '../../../../engine/api/contract.ts';
import { formatWhen } from '../apps/sync/syncWindowText.ts';
import { windowTargets } from './projectText.ts';

function When({ window }: { window: ProjectSyncWindow }) {
  return (
    <>
      <div className="nowrap">
        <span className="mono">{window.schedule}</span> for <span className="mono">{window.duration}</span>
      </div>
      <div className="subtle">{window.timeZone ?? 'UTC'}</div>
      {window.description && <div className="subtle">{window.description}</div>}
    </>
  );
}

function AppliesTo({ window }: { window: ProjectSyncWindow }) {
  const { joiner, selectors } = windowTargets(window);
  if (selectors.length === 0) return <span className="subtle">nothing: it names no selector</span>;
  return (
    <>
      {joiner && <div className="subtle">{joiner}</div>}
      {selectors.map(({ field, patterns }) => (
        <div key={field}>
          {field}: <span className="mono">{patterns}</span>
        </div>
      ))}
    </>
  );
}

function Now({ window }: { window: ProjectSyncWindow }) {
  if (window.problem) return <span className="error">{window.problem}</span>;
  const time = window.changesAt && <time dateTime={window.changesAt}>{formatWhen(window.changesAt)}</time>;
  return window.active ? (
    <>
      <span className="badge busy">active</span> {time ? <>until {time}</> : 'with no end in sight'}
    </>
  ) : (
    <span className="subtle">opens {time}</span>
  );
}

export function SyncWindowTable({ project, windows }: { project: string; windows: ProjectSyncWindow[] }) {
  return (
    <table className="table sync-windows" aria-label={`Sync windows of ${project}`}>
      <thead>
        <tr>
          <th>Kind</th>
          <th>When</th>
          <th>Applies to</th>
          <th>Manual sync</th>
          <th>Now</th>
        </tr>
      </thead>
      <tbody>
        {windows.map((window, index) => (
          <tr key={index}>
            <td>
              <span className={window.kind === 'allow' ? 'badge ok' : 'badge bad'}>{window.kind}</span>
            </td>
            <td>
              <When window={window} />
            </td>
            <td>
              <AppliesTo window={window} />
            </td>
            <td>{window.manualSync ? 'allowed' : 'not allowed'}</td>
            <td>
              <Now window={window} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
