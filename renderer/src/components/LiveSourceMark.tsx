// The mark that says an application's statuses are not live: a pill beside the statuses in the
// list, the tree and the diff, and a banner on the application's page, with the engine's reason.
import type { AppSummary } from '../../../engine/api/contract.ts';
import { liveSourceDetail, liveSourceLabel } from './liveSourceText.ts';
import './LiveSource.css';

const CAMERA =
  'M2 5.5A1.5 1.5 0 0 1 3.5 4h1.6l1-1.5h3.8l1 1.5h1.6A1.5 1.5 0 0 1 14 5.5v6a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z';

function SnapshotIcon() {
  return (
    <svg className="live-source-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d={CAMERA} fill="none" stroke="currentColor" strokeWidth="1.4" />
      <circle cx="8" cy="8.5" r="2.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** A pill: "demo snapshot" or "as of 09:30 — cluster unreachable"; nothing when live. */
export function LiveSourceMark({ app }: { app: Pick<AppSummary, 'liveSource'> }) {
  const source = app.liveSource;
  if (!source) return null;
  return (
    <span className={`live-source live-source-${source.kind}`} title={liveSourceDetail(source)}>
      <SnapshotIcon />
      {liveSourceLabel(source)}
    </span>
  );
}

/** The application page's notice: what the statuses are made from and why. */
export function LiveSourceBanner({ app }: { app: Pick<AppSummary, 'liveSource'> }) {
  const source = app.liveSource;
  if (!source) return null;
  return (
    <div className={`live-source-banner live-source-${source.kind}`} role="status">
      <SnapshotIcon />
      <div>
        <strong>{source.kind === 'demo' ? 'Demo snapshot' : `Offline: ${liveSourceLabel(source)}`}</strong>
        <p>{liveSourceDetail(source)}</p>
      </div>
    </div>
  );
}
