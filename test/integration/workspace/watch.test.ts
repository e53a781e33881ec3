import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../../engine/workspace/diff.ts';
import { watchWorkspace, type WorkspaceWatcher } from '../../../engine/workspace/watch.ts';
import { updateApplication } from '../../../engine/workspace/writes.ts';
import { appYaml, makeWorkspace, writeFiles } from './fixtures.ts';

const watchers: WorkspaceWatcher[] = [];
afterEach(() => watchers.splice(0).forEach((watcher) => watcher.close()));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function watched(files: Record<string, string>) {
  const dir = await makeWorkspace(files);
  const changes: WorkspaceChange[] = [];
  const watcher = await watchWorkspace(dir, (change) => changes.push(change));
  watchers.push(watcher);
  /** Waits for the `count`-th change, then a while longer to catch any extra one. */
  const settle = async (count: number) => {
    for (let waited = 0; changes.length < count && waited < 5_000; waited += 25) await sleep(25);
    await sleep(400);
    return changes;
  };
  return { dir, watcher, changes, settle };
}

describe('watchWorkspace', () => {
  it('loads the workspace first', async () => {
    const { watcher } = await watched({ 'a.yaml': appYaml('a') });
    expect(watcher.workspace.applications.map((a) => a.name)).toEqual(['a']);
  });

  it('reports a hand edit, a new file in a new folder and a deleted file, by application name', async () => {
    const { dir, watcher, changes, settle } = await watched({ 'a.yaml': appYaml('a') });

    await writeFile(join(dir, 'a.yaml'), appYaml('a').replace('namespace: a', 'namespace: edited'));
    await settle(1);
    await writeFiles(dir, { 'team/new/b.yml': appYaml('b') });
    await settle(2);
    await rm(join(dir, 'a.yaml'));
    await settle(3);

    expect(changes.map((c) => c.applications)).toEqual([
      { added: [], changed: ['a'], removed: [] },
      { added: ['b'], changed: [], removed: [] },
      { added: [], changed: [], removed: ['a'] },
    ]);
    expect(watcher.workspace.applications.map((a) => a.name)).toEqual(['b']);
    expect(changes[0]?.workspace.applications[0]?.definition?.spec.destination.namespace).toBe('edited');
  });

  it('reports a file that stops parsing as a problem', async () => {
    const { dir, changes, settle } = await watched({ 'a.yaml': appYaml('a') });
    await writeFile(join(dir, 'a.yaml'), 'kind: [broken\n');
    await settle(1);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.applications.removed).toEqual(['a']);
    expect(changes[0]?.problemsChanged).toBe(true);
  });

  it("reports Plumbline's own write once", async () => {
    const { dir, watcher, changes, settle } = await watched({ 'a.yaml': appYaml('a') });
    const app = structuredClone(watcher.workspace.applications[0]!.definition!);
    app.spec.destination.namespace = 'ours';
    await updateApplication(dir, app);
    await settle(1);
    expect(changes.map((c) => c.applications.changed)).toEqual([['a']]);
  });

  it('ignores files that are not YAML and hidden folders', async () => {
    const { dir, changes } = await watched({ 'a.yaml': appYaml('a') });
    await writeFiles(dir, { 'README.md': '# hi', '.git/config': '[core]', '.cache/x.yaml': appYaml('x') });
    await sleep(600);
    expect(changes).toEqual([]);
  });

  it('stops reporting once closed', async () => {
    const { dir, watcher, changes } = await watched({ 'a.yaml': appYaml('a') });
    watcher.close();
    await writeFiles(dir, { 'b.yaml': appYaml('b') });
    await sleep(600);
    expect(changes).toEqual([]);
  });
});
