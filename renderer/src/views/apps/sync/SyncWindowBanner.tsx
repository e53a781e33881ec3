// The sync windows of an application's project, where they apply to it: a banner on its detail
// (blocked, manual syncs only, or allowed and when that changes) and a mark in the list.
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { describeSyncWindows, syncWindowTone } from './syncWindowText.ts';
import './sync.css';

export function SyncWindowBanner({ app }: { app: AppSummary }) {
  if (!app.syncWindows) return null;
  const tone = syncWindowTone(app.syncWindows);
  return (
    <div className={`window-banner ${tone}`} role="status" aria-label="Sync windows">
      <strong>{tone === 'allowed' ? 'Sync window open' : 'Sync window closed'}</strong>
      <span>{describeSyncWindows(app.syncWindows)}</span>
      <span className="subtle">
        {app.syncWindows.windows.length === 1
          ? `1 window of project ${app.project} applies`
          : `${app.syncWindows.windows.length} windows of project ${app.project} apply`}
      </span>
    </div>
  );
}

export function SyncWindowPill({ app }: { app: AppSummary }) {
  if (!app.syncWindows || syncWindowTone(app.syncWindows) === 'allowed') return null;
  const manual = app.syncWindows.manual;
  return (
    <span className="pill pill-warn" title={describeSyncWindows(app.syncWindows)}>
      {manual ? 'manual sync only' : 'sync window closed'}
    </span>
  );
}
