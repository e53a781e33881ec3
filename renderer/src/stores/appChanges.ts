// Applies an `apps.changed` event to the list the renderer holds: the changed summaries replace
// their old ones, removed names go, new ones are placed in name order. A change that arrives
// before the first list is dropped: the list, answered later on the same connection, has it.
import type { AppSummary, EventPayload } from '../../../engine/api/contract.ts';

type AppsChange = EventPayload<'apps.changed'>;

const byName = (a: AppSummary, b: AppSummary) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function mergeAppChanges(current: AppSummary[] | null, change: AppsChange): AppSummary[] | null {
  if (change.reset) return [...change.changed].sort(byName);
  if (!current) return null;
  if (change.changed.length === 0 && change.removed.length === 0) return current;
  const replaced = new Map(change.changed.map((app) => [app.name, app]));
  const removed = new Set(change.removed);
  const next: AppSummary[] = [];
  for (const app of current) {
    if (removed.has(app.name)) continue;
    const newer = replaced.get(app.name);
    next.push(newer ?? app);
    replaced.delete(app.name);
  }
  if (replaced.size === 0) return next;
  return [...next, ...replaced.values()].sort(byName);
}
