// How an application's statuses that are not live are said: "demo snapshot", or "as of <time> —
// cluster unreachable", with the engine's whole reason for the tooltip, and why syncing waits.
import type { AppSummary, LiveSource } from '../../../engine/api/contract.ts';

/** The time of an observation, shorter when it is today: "14:05", "30 Nov, 09:30", "30 Nov 2025, 09:30". */
export function formatObservedAt(iso: string, now = new Date(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  if (at.toDateString() === now.toDateString()) return at.toLocaleTimeString(locale, time);
  const date: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (at.getFullYear() !== now.getFullYear()) date.year = 'numeric';
  return at.toLocaleString(locale, { ...date, ...time });
}

/**
 * The gist of the engine's reason, short enough for a pill: "cluster context:dev unreachable:
 * connect ECONNREFUSED…" → "cluster unreachable"; the whole reason stays in the tooltip.
 */
export function reasonHeadline(reason: string): string {
  const colon = reason.indexOf(': ');
  const headline = (colon < 0 ? reason : reason.slice(0, colon)).trim();
  if (/^cluster \S+ unreachable$/.test(headline)) return 'cluster unreachable';
  if (/^waiting for cluster \S+ to answer$/.test(headline)) return 'cluster not answering yet';
  return headline || 'not live';
}

/** The visible mark beside the statuses. */
export function liveSourceLabel(source: LiveSource, now = new Date(), locale?: string): string {
  if (source.kind === 'demo') return 'demo snapshot';
  return `as of ${formatObservedAt(source.asOf, now, locale)} — ${reasonHeadline(source.reason)}`;
}

/** The whole story, for the tooltip and the application's banner. */
export function liveSourceDetail(source: LiveSource, locale?: string): string {
  const at = new Date(source.asOf);
  const when = Number.isNaN(at.getTime()) ? source.asOf : at.toLocaleString(locale);
  const what =
    source.kind === 'demo'
      ? 'The statuses, tree and diff come from the demo snapshot bundled with Plumbline, not from a live cluster'
      : 'The statuses, tree and diff come from the last known live state, not from the live cluster';
  // the demo's reason says no more than the sentence does
  if (source.kind === 'demo' && /^demo snapshot\.?$/i.test(source.reason.trim()))
    return `${what} (observed ${when}).`;
  return `${what} (observed ${when}). ${capitalised(source.reason)}.`;
}

function capitalised(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** Why sync and rollback are not offered now; null when the cluster is live. */
export function offlineActionReason(app: Pick<AppSummary, 'liveSource'>): string | null {
  const source = app.liveSource;
  if (!source) return null;
  if (source.kind === 'demo')
    return 'The demo cluster exists only as a snapshot: syncing needs a live cluster (point the demo at a kube context to sync it for real)';
  return `The cluster is not live (${reasonHeadline(source.reason)}): syncing waits until it answers again`;
}
