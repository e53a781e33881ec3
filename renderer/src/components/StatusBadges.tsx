// An application's three statuses as Argo CD users read them — health, sync and the last sync
// operation — as full panels for the application detail, compact badges for table rows and
// tree cards. Shapes differ per status, not only colours, so they read without colour too.
import type { AppSummary, HealthStatus, SyncStatus } from '../../../engine/api/contract.ts';
import './StatusBadges.css';

export type Tone = 'ok' | 'busy' | 'bad' | 'warn' | 'muted';

const HEALTH_TONE: Record<HealthStatus, Tone> = {
  Healthy: 'ok',
  Progressing: 'busy',
  Degraded: 'bad',
  Suspended: 'muted',
  Missing: 'warn',
  Unknown: 'muted',
};
export const healthTone = (status: HealthStatus): Tone => HEALTH_TONE[status];
const SYNC_TONE: Record<SyncStatus, Tone> = { Synced: 'ok', OutOfSync: 'warn', Unknown: 'muted' };
const HEART = 'M8 14.2S1.5 10.3 1.5 5.9A3.4 3.4 0 0 1 8 4.2a3.4 3.4 0 0 1 6.5 1.7C14.5 10.3 8 14.2 8 14.2z';

/** A status drawn as a shape in its colour; labelled when no text stands beside it. */
function Svg({
  tone,
  label,
  spin,
  children,
}: {
  tone: Tone;
  label?: string;
  spin?: boolean;
  children: React.ReactNode;
}) {
  return (
    <svg
      className={`status-icon tone-${tone}${spin ? ' spin' : ''}`}
      viewBox="0 0 16 16"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      {label && <title>{label}</title>}
      {children}
    </svg>
  );
}

const QUESTION = (
  <>
    <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    <path
      d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.7c-.6.3-.8.7-.8 1.3M8 11.2v.4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    />
  </>
);

const HEALTH_SHAPES: Record<HealthStatus, React.ReactNode> = {
  Healthy: <path d={HEART} fill="currentColor" />,
  Degraded: (
    <>
      <path d={HEART} fill="currentColor" />
      <path d="M8.7 4.3 7 7.3l2.3 1.5-1.6 3.4" fill="none" stroke="var(--panel)" strokeWidth="1.3" />
    </>
  ),
  Progressing: (
    <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="26 12" />
  ),
  Suspended: <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" />,
  Missing: (
    <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2.4 2" />
  ),
  Unknown: QUESTION,
};

function syncShape(status: SyncStatus): React.ReactNode {
  if (status === 'Unknown') return QUESTION;
  const mark = status === 'Synced' ? 'M4.8 8.2 7 10.4l4.2-4.6' : 'M8 11.5V4.8M5.2 7.4 8 4.6l2.8 2.8';
  return (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d={mark} fill="none" stroke="var(--panel)" strokeWidth="1.8" strokeLinecap="round" />
    </>
  );
}

export function HealthIcon({ status, labelled = false }: { status: HealthStatus; labelled?: boolean }) {
  return (
    <Svg tone={HEALTH_TONE[status]} label={labelled ? status : undefined} spin={status === 'Progressing'}>
      {HEALTH_SHAPES[status]}
    </Svg>
  );
}

export function SyncIcon({ status, labelled = false }: { status: SyncStatus; labelled?: boolean }) {
  return (
    <Svg tone={SYNC_TONE[status]} label={labelled ? status : undefined}>
      {syncShape(status)}
    </Svg>
  );
}

export function HealthBadge({ health }: { health: { status: HealthStatus; message?: string } }) {
  return (
    <span className={`status tone-${HEALTH_TONE[health.status]}`} title={health.message}>
      <HealthIcon status={health.status} /> {health.status}
    </span>
  );
}

export function SyncBadge({ status, message }: { status: SyncStatus; message?: string }) {
  return (
    <span className={`status tone-${SYNC_TONE[status]}`} title={message}>
      <SyncIcon status={status} /> {status}
    </span>
  );
}

/** "5 min ago" from an ISO date, in the reader's terms; the exact time stays in the tooltip. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return 'just now';
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
  ];
  const [size, unit] = units.find(([size]) => seconds >= size) as [number, string];
  return `${Math.floor(seconds / size)} ${unit} ago`;
}

function syncPhaseTone(phase: string): Tone {
  if (phase === 'Succeeded') return 'ok';
  if (phase === 'Running' || phase === 'Terminating') return 'busy';
  return phase === 'Failed' || phase === 'Error' ? 'bad' : 'muted';
}

/** Full panels, side by side, for the top of the application detail. */
export function AppStatusBadges({ app }: { app: AppSummary }) {
  const last = app.lastSync;
  return (
    <div className="status-panels" aria-label="Application status">
      <div className="status-panel">
        <span className="status-label">Health</span>
        <HealthBadge health={app.health} />
        {app.health.message && <p className="status-message">{app.health.message}</p>}
      </div>
      <div className="status-panel">
        <span className="status-label">Sync</span>
        <SyncBadge status={app.sync.status} />
        <p className="status-message">
          {app.revision ? (
            <>
              to <span className="mono">{app.revision.slice(0, 7)}</span>
            </>
          ) : (
            'revision not resolved yet'
          )}
          {app.sync.message && ` · ${app.sync.message}`}
        </p>
      </div>
      <div className="status-panel">
        <span className="status-label">Last sync</span>
        {last ? (
          <span className={`status tone-${syncPhaseTone(last.phase)}`} title={last.finishedAt ?? undefined}>
            {last.phase}
            {last.finishedAt && <span className="subtle"> · {timeAgo(last.finishedAt)}</span>}
          </span>
        ) : (
          <span className="status tone-muted">Never synced</span>
        )}
        {last?.message && <p className="status-message">{last.message}</p>}
      </div>
    </div>
  );
}

/** Health and sync in one cell of the Applications table. */
export function AppStatusCompact({ app }: { app: AppSummary }) {
  return (
    <span className="status-compact">
      <HealthBadge health={app.health} />
      <SyncBadge status={app.sync.status} message={app.sync.message} />
    </span>
  );
}
