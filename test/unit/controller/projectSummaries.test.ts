// What projects.list says of a workspace's AppProjects: rules as written (an unset list stays
// null, unlike an empty one), roles, the applications in each project, and every sync window
// with its state at a given time; the built-in default project allows everything.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../engine/api/contract.ts';
import { projectSummaries } from '../../../engine/controller/workspaceSummary.ts';
import { loadWorkspace } from '../../../engine/workspace/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { projectYaml, writeApplication } from '../../support/workspaceFixtures.ts';

const payments = {
  description: 'Card payments',
  sourceRepos: ['https://git.example.test/payments/*'],
  destinations: [{ name: 'prod', namespace: 'payments-*' }],
  clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
  namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
  roles: [
    {
      name: 'deployer',
      description: 'CI deploys',
      policies: [
        'p, proj:payments:deployer, applications, get, payments/*, allow',
        'p, proj:payments:deployer, applications, sync, payments/*, allow',
      ],
    },
    { name: 'viewer' },
  ],
  syncWindows: [
    {
      kind: 'deny',
      schedule: '0 22 * * *',
      duration: '8h',
      namespaces: ['payments-*'],
      clusters: ['prod'],
      andOperator: true,
      manualSync: true,
      description: 'nightly freeze',
    },
    {
      kind: 'allow',
      schedule: '0 9 * * 1-5',
      duration: '8h',
      timeZone: 'Europe/Berlin',
      applications: ['*'],
    },
    { kind: 'allow', schedule: 'every day', duration: '1h', applications: ['checkout'] },
  ],
};

const dir = tempDir();
// A Thursday, 23:00 UTC: inside the nightly freeze, outside Berlin's office hours.
const now = new Date('2026-11-26T23:00:00Z');
let projects: ProjectSummary[];

const writeApp = (name: string, project: string) =>
  writeApplication(dir, name, {
    project,
    source: { repoURL: 'https://git.example.test/payments/shop.git', path: name },
    destination: { name: 'prod', namespace: `payments-${name}` },
  });

beforeAll(async () => {
  await writeFile(join(dir, 'payments.yaml'), projectYaml('payments', payments));
  await Promise.all([
    writeApp('checkout', 'payments'),
    writeApp('billing', 'payments'),
    writeApp('blog', ''),
  ]);
  projects = projectSummaries(await loadWorkspace(dir), now);
});

const named = (name: string) => projects.find((project) => project.name === name)!;

describe('projectSummaries', () => {
  it('gives the rules as written, null for a list the project does not set', () => {
    expect(named('payments')).toMatchObject({
      description: 'Card payments',
      builtIn: false,
      sourceRepos: ['https://git.example.test/payments/*'],
      destinations: [{ server: null, name: 'prod', namespace: 'payments-*' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      clusterResourceBlacklist: null,
      namespaceResourceWhitelist: null,
      namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
      roles: [
        { name: 'deployer', description: 'CI deploys', policies: 2 },
        { name: 'viewer', description: null, policies: 0 },
      ],
    });
  });

  it('names the applications of each project, an empty project meaning default', () => {
    expect(named('payments').applications).toEqual(['billing', 'checkout']);
    expect(named('default').applications).toEqual(['blog']);
  });

  it('gives every window with what it applies to and its state now', () => {
    const [freeze, office] = named('payments').syncWindows;
    expect(freeze).toEqual({
      kind: 'deny',
      schedule: '0 22 * * *',
      duration: '8h',
      timeZone: null,
      manualSync: true,
      applications: [],
      namespaces: ['payments-*'],
      clusters: ['prod'],
      andOperator: true,
      description: 'nightly freeze',
      active: true,
      changesAt: '2026-11-27T06:00:00.000Z',
      problem: null,
    });
    expect(office).toMatchObject({
      kind: 'allow',
      timeZone: 'Europe/Berlin',
      manualSync: false,
      andOperator: false,
      applications: ['*'],
      active: false,
      // 09:00 in Berlin is 08:00 UTC in November
      changesAt: '2026-11-27T08:00:00.000Z',
      problem: null,
    });
  });

  it('counts a window it cannot read as active, with the reason', () => {
    expect(named('payments').syncWindows[2]).toMatchObject({
      schedule: 'every day',
      active: true,
      changesAt: null,
      problem: "cannot parse schedule 'every day': expected exactly 5 fields, found 2: [every day]",
    });
  });

  it('adds the built-in default project, which allows everything', () => {
    expect(named('default')).toEqual({
      name: 'default',
      description: null,
      sourceRepos: ['*'],
      destinations: [{ server: '*', name: null, namespace: '*' }],
      builtIn: true,
      conditions: [],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      clusterResourceBlacklist: null,
      namespaceResourceWhitelist: null,
      namespaceResourceBlacklist: null,
      roles: [],
      applications: ['blog'],
      syncWindows: [],
    });
  });
});
