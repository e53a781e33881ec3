// Orphaned resources on the test cluster: a ConfigMap created beside an application, in its
// destination namespace, is reported (and the objects every namespace has are not), the project's
// `warn: true` puts an OrphanedResourceWarning on the application, and the project's ignore list
// takes the ConfigMap out of both.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { projectYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from './liveTestKit.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const namespace = testNamespace('orphans');
const { core } = clientsOf(connect('plumbline-a'));
let engine: Engine;

const call = <T = Record<string, unknown>>(name: string, input: object) =>
  engine.dispatch(name, input) as Promise<T>;
type Orphans = { enabled: boolean; warn: boolean; orphans: { id: string }[] };
type Summary = { app: { conditions: { type: string; message: string }[] } };

const writeProject = (ignore: object[]) =>
  writeFile(
    join(workspace, 'project.yaml'),
    projectYaml('watched', {
      sourceRepos: ['*'],
      destinations: [{ name: 'plumbline-a', namespace }],
      orphanedResources: { warn: true, ignore },
    }),
  );

beforeAll(async () => {
  const { remote } = await remoteWith(root, 'config.git', {
    'app/settings.yaml': stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace },
      data: { a: '1' },
    }),
  });
  await writeApplication(workspace, 'watched', {
    project: 'watched',
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
  await writeProject([]);
  await core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'stray' }, data: { b: '2' } },
  });
  ({ engine } = testEngine(root, workspace));
  const { operation } = await call<{ operation: { phase: string; message: string } }>('apps.sync', {
    name: 'watched',
  });
  expect(operation.phase, operation.message).toBe('Succeeded');
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('orphaned resources', () => {
  it("reports the stray ConfigMap, not the objects every namespace has nor the application's own", async () => {
    const report = await until('the stray ConfigMap reported', async () => {
      const found = await call<Orphans>('apps.orphans', { name: 'watched' });
      return found.orphans.some((o) => o.id === `/ConfigMap/${namespace}/stray`) && found;
    });
    expect(report).toMatchObject({ enabled: true, warn: true });
    expect(report.orphans.map((o) => o.id)).toEqual([`/ConfigMap/${namespace}/stray`]);
    const { app } = await call<Summary>('apps.get', { name: 'watched' });
    expect(app.conditions).toContainEqual({
      type: 'OrphanedResourceWarning',
      message: 'Application has 1 orphaned resources',
    });
  });

  it('leaves it out once the project ignores it, and the warning goes', async () => {
    await writeProject([{ kind: 'ConfigMap', name: 'str*' }]);
    await until(
      'the ConfigMap ignored',
      async () => (await call<Orphans>('apps.orphans', { name: 'watched' })).orphans.length === 0,
      30_000,
    );
    const { app } = await call<Summary>('apps.get', { name: 'watched' });
    expect(app.conditions.map((c) => c.type)).not.toContain('OrphanedResourceWarning');
  });
});
