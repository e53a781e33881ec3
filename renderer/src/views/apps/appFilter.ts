// The application list's filter: every word typed must appear in what the row shows (name,
// project, source, destination, revision, statuses, conditions), case-insensitively. The text
// searched is built once per summary, so a keystroke over 10,000 applications stays cheap.
import type { AppSummary } from '../../../../engine/api/contract.ts';
import { describeDestination, describeSource, shortRevision } from './describe.ts';

const searchText = new WeakMap<AppSummary, string>();

function textOf(app: AppSummary): string {
  let text = searchText.get(app);
  if (text === undefined) {
    text = [
      app.name,
      app.project,
      describeSource(app),
      describeDestination(app),
      shortRevision(app),
      app.sync.status,
      app.health.status,
      app.autoSync ? 'auto-sync' : '',
      ...app.conditions.map((condition) => condition.type),
    ]
      .join('\n')
      .toLowerCase();
    searchText.set(app, text);
  }
  return text;
}

export function filterApps(apps: AppSummary[], query: string): AppSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return apps;
  return apps.filter((app) => {
    const text = textOf(app);
    return words.every((word) => text.includes(word));
  });
}
