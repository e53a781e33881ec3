import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appSources } from '../../../engine/model/index.ts';
import { DEMO_OFFLINE_CLUSTER, materializeDemo } from '../../../engine/workspace/demo.ts';
import { loadWorkspace } from '../../../engine/workspace/load.ts';
import { makeWorkspace } from './fixtures.ts';

const run = promisify(execFile);
const git = async (dir: string, ...args: string[]) => (await run('git', args, { cwd: dir })).stdout.trim();

describe('materializeDemo', () => {
  it('makes a demo workspace whose applications load cleanly from a local git repository', async () => {
    const dataDir = await makeWorkspace();
    const { workspaceDir, repoDir } = await materializeDemo(dataDir);

    expect(workspaceDir).toBe(join(dataDir, 'demo/workspace'));
    const ws = await loadWorkspace(workspaceDir);
    expect(ws.problems).toEqual([]);
    expect(ws.applications.map((a) => [a.name, a.conditions])).toEqual([
      ['guestbook', []],
      ['helm-guestbook', []],
      ['kustomize-guestbook', []],
    ]);
    expect(ws.projects.map((p) => p.name).sort()).toEqual(['default', 'demo']);

    const repoURL = pathToFileURL(repoDir).href;
    expect(ws.projects.find((p) => p.name === 'demo')?.definition?.spec.sourceRepos).toEqual([repoURL]);
    for (const app of ws.applications) {
      const [source] = appSources(app.definition!);
      expect(source?.repoURL).toBe(repoURL);
      const tracked = await git(repoDir, 'ls-tree', '-r', '--name-only', 'HEAD', '--', source!.path!);
      expect(tracked, `${app.name} deploys files committed in the demo repository`).not.toBe('');
    }
    expect(await git(repoDir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(await git(repoDir, 'status', '--porcelain')).toBe('');
    expect(await readFile(join(workspaceDir, 'applications/guestbook.yaml'), 'utf8')).toMatch(
      /^# Plain manifests/,
    );
  });

  it('is idempotent and keeps what the user changed', async () => {
    const dataDir = await makeWorkspace();
    const first = await materializeDemo(dataDir);
    const edited = join(first.workspaceDir, 'applications/guestbook.yaml');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('demo-guestbook', 'my-guestbook'));
    const head = await git(first.repoDir, 'rev-parse', 'HEAD');

    const second = await materializeDemo(dataDir);

    expect(second).toEqual(first);
    expect(await readFile(edited, 'utf8')).toContain('my-guestbook');
    expect(await git(second.repoDir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('deploys to the offline demo cluster without a kube context, and to the context with one', async () => {
    const offline = await materializeDemo(await makeWorkspace());
    expect(offline.clusterName).toBe(DEMO_OFFLINE_CLUSTER);
    const project = await readFile(join(offline.workspaceDir, 'projects/demo.yaml'), 'utf8');
    expect(project).toContain(`name: ${DEMO_OFFLINE_CLUSTER}`);
    await expect(stat(offline.snapshotFile)).resolves.toBeTruthy();

    const withContext = await materializeDemo(await makeWorkspace(), { clusterName: 'dev' });
    expect(withContext.clusterName).toBe('dev');
  });

  it('replaces a repository folder left without a commit', async () => {
    const dataDir = await makeWorkspace();
    const { repoDir } = await materializeDemo(dataDir);
    await run('rm', ['-rf', join(repoDir, '.git')]);
    await materializeDemo(dataDir);
    expect(await git(repoDir, 'rev-list', '--count', 'HEAD')).toBe('1');
    await expect(stat(join(repoDir, 'guestbook/deployment.yaml'))).resolves.toBeTruthy();
  });
});
