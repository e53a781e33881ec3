// The durable state of applications: changes reach the disk in call order, a new store reads
// what an earlier one wrote (a restart), no temporary file is left behind, an unreadable file is
// kept aside instead of overwritten, and names that are not application names never become paths.
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStateStore } from '../../../engine/store/appStateStore.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir();

function stateFolder(store: AppStateStore): string {
  return (store as unknown as { dir: string }).dir;
}

describe('application state on disk', () => {
  it('applies changes in call order and a later store reads them back', async () => {
    const dataDir = join(root, 'order');
    const store = new AppStateStore(dataDir, '/workspace/a');
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.update('api', (record) => {
        record.nextHistoryId = i + 2;
        record.history.push({
          id: i + 1,
          revisions: ['a'.repeat(40)],
          source: { repoURL: 'file:///repo.git', path: 'api', targetRevision: 'HEAD' },
          startedAt: 'x',
          deployedAt: 'y',
          initiatedBy: { username: 'dev', automated: false },
          result: 'Succeeded',
          message: `sync ${i + 1}`,
        });
      }),
    );
    await Promise.all(writes);
    const reread = await new AppStateStore(dataDir, '/workspace/a').read('api');
    expect(reread.history.map((h) => h.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reread.nextHistoryId).toBe(21);
    expect(await readdir(stateFolder(store))).toEqual(['api.json']);
  });

  it('keeps two workspaces apart', async () => {
    const dataDir = join(root, 'two');
    await new AppStateStore(dataDir, '/workspace/a').update('api', (r) => {
      r.pin = { revisions: ['b'.repeat(40)], since: 'now' };
    });
    expect((await new AppStateStore(dataDir, '/workspace/b').read('api')).pin).toBeNull();
    expect((await new AppStateStore(dataDir, '/workspace/a').read('api')).pin?.revisions).toEqual([
      'b'.repeat(40),
    ]);
  });

  it('keeps an unreadable state file aside and starts empty', async () => {
    const dataDir = join(root, 'broken');
    const store = new AppStateStore(dataDir, '/w');
    await mkdir(stateFolder(store), { recursive: true });
    await writeFile(join(stateFolder(store), 'api.json'), '{"nextHistoryId": tru');
    expect((await store.read('api')).history).toEqual([]);
    const files = await readdir(stateFolder(store));
    const aside = files.find((f) => f.startsWith('api.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(stateFolder(store), aside!), 'utf8')).toContain('tru');
  });

  it('refuses a name that is not an application name', async () => {
    const store = new AppStateStore(join(root, 'names'), '/w');
    await expect(store.update('../escape', () => undefined)).rejects.toThrow(/not an application name/);
  });

  it('returns copies: changing a read record changes nothing stored', async () => {
    const store = new AppStateStore(join(root, 'copies'), '/w');
    const record = await store.read('api');
    record.nextHistoryId = 99;
    expect((await store.read('api')).nextHistoryId).toBe(1);
  });
});
