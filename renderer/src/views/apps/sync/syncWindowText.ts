// What an application's sync windows mean for it now, in words: blocked, manual syncs only, or
// allowed, and when that changes, in the reader's local time.
import type { SyncWindowStatus } from '../../../../../engine/api/contract.ts';

export type WindowTone = 'blocked' | 'manual-only' | 'allowed';

/** "today 22:00", "tomorrow 06:00", or "Sat 28 Nov 09:00". */
export function formatWhen(iso: string, now = new Date(), timeZone?: string): string {
  const at = new Date(iso);
  const day = (date: Date) => date.toLocaleDateString('en-CA', { timeZone });
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const tomorrow = new Date(now.getTime() + 86_400_000);
  if (day(at) === day(now)) return `today ${time}`;
  if (day(at) === day(tomorrow)) return `tomorrow ${time}`;
  const date = at.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  return `${date} ${time}`;
}

export function syncWindowTone(state: SyncWindowStatus): WindowTone {
  if (state.manual && state.automated) return 'allowed';
  return state.manual ? 'manual-only' : 'blocked';
}

/** One sentence for the banner of the application. */
export function describeSyncWindows(state: SyncWindowStatus, now = new Date(), timeZone?: string): string {
  const when = state.changesAt ? formatWhen(state.changesAt, now, timeZone) : null;
  const broken = state.windows.find((window) => window.problem);
  if (broken) return `A sync window cannot be read (${broken.problem}): syncs are blocked until it is fixed.`;
  const activeDeny = state.windows.filter((window) => window.kind === 'deny' && window.active);
  const reason =
    activeDeny.length > 0
      ? `a deny window (${activeDeny[0]!.schedule}, ${activeDeny[0]!.duration}) is active`
      : 'no allow window is open';
  switch (syncWindowTone(state)) {
    case 'blocked':
      return `Syncs are blocked: ${reason}${when ? ` until ${when}` : ''}.`;
    case 'manual-only':
      return `Auto-sync waits: ${reason}${when ? ` until ${when}` : ''}. Manual syncs are allowed.`;
    case 'allowed':
      return `Sync windows allow syncs now${when ? `; the next change is ${when}` : ''}.`;
  }
}
