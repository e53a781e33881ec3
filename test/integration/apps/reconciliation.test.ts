// The reconciliation period on a real engine and a real git remote: with repository polling
// turned off in effect, an application is still rendered again every period (plus jitter) and
// picks up a commit pushed meanwhile; a period of 0 turns the periodic refresh off.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const engines: Engine[] = [];
afterAll(async () => Promise.all(engines.map((engine) => engine.close())));

async function workspaceWith(name: string, periodSeconds: number) {
  const { remote, commit: first } = await remoteWith(
    root,
    `${name}.git`,
    { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
    'one',
  );
  const workspace = join(root, name, 'workspace');
  const dataDir = join(root, name, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'config.json'),
    JSON.stringify({ reconciliation: { periodSeconds, jitterSeconds: 0.5 } }),
  );
  await writeApplication(workspace, 'app', {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'nowhere' },
  });
  const engine = createEngine({
    dataDir,
    env: { PATH: process.env.PATH, PLUMBLINE_WORKSPACE: workspace, KUBECONFIG: join(root, 'no-kubeconfig') },
    homeDir: root,
    repoPollMs: 3_600_000,
  });
  engines.push(engine);
  const client = inProcessClient(engine);
  const renders: number[] = [];
  client.subscribe((event) => {
    if (event.event === 'apps.progress' && event.payload.done) renders.push(Date.now());
  });
  const atRevision = async (revision: string) => {
    const started = Date.now();
    for (;;) {
      const { app } = await client.call('apps.get', { name: 'app' });
      if (app.revision === revision) return;
      if (Date.now() - started > 10_000) throw new Error(`still at ${app.revision}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await atRevision(first);
  return { remote, renders, atRevision };
}

describe('reconciliation period', () => {
  it('renders every application again each period and sees new commits without polling', async () => {
    const { remote, renders, atRevision } = await workspaceWith('periodic', 1);
    const second = await remote.commit(
      { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n' },
      'two',
    );
    await remote.push('main');
    await atRevision(second);
    const before = renders.length;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // it keeps going: one render per period (1 s) plus up to 0.5 s of jitter, counted from the last one's end
    expect(renders.length - before).toBeGreaterThanOrEqual(1);
    const gaps = renders.slice(1).map((at, i) => at - renders[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  });

  it('does not render again with a period of 0', async () => {
    const { renders } = await workspaceWith('off', 0);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(renders.length).toBe(1);
  });
});
