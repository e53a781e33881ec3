// A project's sourceRepos through the engine, with real git repositories: an application whose
// source (or one of whose sources) the project does not permit is neither fetched nor rendered,
// says which rule refused it, and cannot be synced; the permitted one beside it renders.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml, projectYaml, remoteWith } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
let engine: Engine;
let client: PlumblineClient;

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

async function settledApps(): Promise<AppSummary[]> {
  const started = Date.now();
  for (;;) {
    const { apps } = await client.call('apps.list');
    if (apps.length === 3 && apps.every((app) => app.phase === 'rendered' || app.phase === 'error'))
      return apps;
    if (Date.now() - started > 30_000) throw new Error(`timed out; apps: ${JSON.stringify(apps, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const team = await remoteWith(root, 'team-app.git', { 'app/cm.yaml': configMap('team') });
  const other = await remoteWith(root, 'other-app.git', { 'app/cm.yaml': configMap('other') });
  await mkdir(workspace, { recursive: true });
  const destination = { name: 'dev', namespace: 'shop' };
  const files: Record<string, string> = {
    'project.yaml': projectYaml('team', {
      // only the team repository: a glob over the folder it lives in, the other one denied
      sourceRepos: [`${join(root, 'team-*')}`],
      destinations: [{ name: 'dev', namespace: 'shop' }],
    }),
    'permitted.yaml': applicationYaml('permitted', {
      project: 'team',
      source: { repoURL: team.remote.bare, path: 'app' },
      destination,
    }),
    'refused.yaml': applicationYaml('refused', {
      project: 'team',
      source: { repoURL: other.remote.bare, path: 'app' },
      destination,
    }),
    'multi.yaml': applicationYaml('multi', {
      project: 'team',
      sources: [
        { repoURL: team.remote.bare, path: 'app' },
        { repoURL: other.remote.bare, path: 'app' },
      ],
      destination,
    }),
  };
  for (const [file, text] of Object.entries(files)) await writeFile(join(workspace, file), text);
  const kubeconfig = writeKubeconfig(
    root,
    'kubeconfig',
    [{ name: 'dev', server: 'https://dev.example', user: 'u' }],
    'dev',
  );
  ({ engine, client } = testEngine(root, workspace, { kubeconfig }));
});

afterAll(async () => {
  await engine?.close();
});

describe('sourceRepos through the engine', () => {
  it('renders the permitted application and refuses the others with the rule', async () => {
    const apps = await settledApps();
    const byName = (name: string) => apps.find((app) => app.name === name)!;
    expect(byName('permitted')).toMatchObject({ phase: 'rendered' });
    for (const name of ['refused', 'multi']) {
      const app = byName(name);
      expect(app.phase).toBe('error');
      const messages = app.conditions.map((condition) => `${condition.type}: ${condition.message}`);
      expect(messages.join('\n')).toMatch(
        /InvalidSpecError: application repo .*other-app\.git is not permitted in project 'team': it matches none of the project's sourceRepos/,
      );
    }
  });

  it('refuses to sync a refused application, saying why', async () => {
    await settledApps();
    await expect(client.call('apps.sync', { name: 'refused' })).rejects.toThrow(
      /nothing to sync: application repo .*other-app\.git is not permitted in project 'team'/,
    );
  });

  it('has no manifests for a refused application', async () => {
    const { objects } = await client.call('apps.manifests', { name: 'permitted' });
    expect(objects.map((o) => (o.metadata as { name?: string } | undefined)?.name)).toEqual(['team']);
    await expect(client.call('apps.manifests', { name: 'refused' })).rejects.toThrow();
  });
});
