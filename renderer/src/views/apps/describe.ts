// Short human descriptions of an application's source and destination.
import type { AppSummary } from '../../../../engine/api/contract.ts';

export function describeSource(app: AppSummary): string {
  const source = app.sources.find((s) => !s.ref || s.path || s.chart) ?? app.sources[0];
  if (!source) return '—';
  const where = source.chart ? `chart ${source.chart}` : source.path || '.';
  const more = app.sources.length > 1 ? ` (+${app.sources.length - 1})` : '';
  return `${source.repoURL.replace(/^file:\/\//, '')} · ${where}${more}`;
}

export function describeDestination(app: AppSummary): string {
  const cluster = app.destination.name ?? app.destination.server ?? '—';
  return `${cluster} / ${app.destination.namespace ?? 'default'}`;
}

export function shortRevision(app: AppSummary): string {
  return app.revision ? app.revision.slice(0, 7) : (app.sources[0]?.targetRevision ?? 'HEAD');
}
