// The application list's filter: every word must match something the row shows, in any case;
// an empty filter keeps the list as it is. (Its speed at 10,000 applications is measured by the
// browser test of the list and by npm run bench.)
import { describe, expect, it } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { filterApps } from '../../../renderer/src/views/apps/appFilter.ts';

function app(
  name: string,
  project: string,
  cluster: string,
  sync = 'Synced',
  health = 'Healthy',
): AppSummary {
  return {
    name,
    project,
    sources: [
      {
        repoURL: 'https://git.example.test/fleet.git',
        path: name,
        chart: null,
        targetRevision: 'main',
        ref: null,
      },
    ],
    destination: { server: null, name: cluster, namespace: name },
    revision: 'abcdef0123',
    conditions: [],
    autoSync: true,
    sync: { status: sync },
    health: { status: health },
  } as unknown as AppSummary;
}

const apps = [
  app('payments-api', 'payments', 'prod'),
  app('payments-db', 'payments', 'staging', 'OutOfSync'),
  app('web', 'frontend', 'prod', 'Synced', 'Degraded'),
];
const names = (list: AppSummary[]) => list.map((a) => a.name);

describe('filterApps', () => {
  it('keeps every application for an empty filter', () => {
    expect(filterApps(apps, '  ')).toBe(apps);
  });

  it('needs every word, in any field, in any case', () => {
    expect(names(filterApps(apps, 'PAYMENTS prod'))).toEqual(['payments-api']);
    expect(names(filterApps(apps, 'outofsync'))).toEqual(['payments-db']);
    expect(names(filterApps(apps, 'degraded'))).toEqual(['web']);
    expect(names(filterApps(apps, 'fleet.git web'))).toEqual(['web']);
    expect(names(filterApps(apps, 'nothing-like-this'))).toEqual([]);
  });
});
