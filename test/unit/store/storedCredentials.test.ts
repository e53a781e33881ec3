// What reaches the state folder never holds a credential: a history entry's repository URL is
// kept without userinfo, and a message quoting a tool (a URL with a password, an Authorization
// header) is scrubbed before it is written. A file written by an older version with a URL's
// credentials in it is read back without them.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStateStore, emptyRecord } from '../../../engine/store/appStateStore.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir();
const password = 'stored-pass-5d1c9e';
const token = 'stored-token-77ab01c';
const entry = {
  id: 1,
  revisions: ['a'.repeat(40)],
  source: {
    repoURL: `https://dev:${password}@git.example.test/app.git`,
    path: 'app',
    targetRevision: 'HEAD',
  },
  startedAt: 'x',
  deployedAt: 'y',
  initiatedBy: { username: 'dev', automated: false },
  result: 'Failed' as const,
  message: `fetch https://dev:${password}@git.example.test/app.git: Authorization: Bearer ${token}`,
};

async function stateFiles(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'state');
  const [workspaceKey = ''] = await readdir(dir);
  const names = await readdir(join(dir, workspaceKey));
  const texts = await Promise.all(names.map((name) => readFile(join(dir, workspaceKey, name), 'utf8')));
  return texts.join('\n');
}

describe('credentials and the state folder', () => {
  it('writes history and operation messages without credentials', async () => {
    const dataDir = join(root, 'write');
    const store = new AppStateStore(dataDir, '/workspace');
    await store.update('api', (record) => {
      record.history.push(entry);
      record.operation = {
        request: { prune: false, revisions: [null] },
        initiatedBy: { username: 'dev', automated: false },
        phase: 'Failed',
        message: entry.message,
        startedAt: 'x',
        finishedAt: 'y',
      };
    });
    const text = await stateFiles(dataDir);
    expect(text).toContain('git.example.test/app.git');
    expect(text).toContain('Bearer ***');
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
  });

  it('reads a URL with credentials from an older file without them', async () => {
    const dataDir = join(root, 'older');
    const store = new AppStateStore(dataDir, '/workspace');
    await store.update('api', () => undefined);
    const [workspaceKey = ''] = await readdir(join(dataDir, 'state'));
    const folder = join(dataDir, 'state', workspaceKey);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'web.json'), JSON.stringify({ ...emptyRecord(), history: [entry] }));
    const read = await new AppStateStore(dataDir, '/workspace').read('web');
    expect(read.history[0]?.source.repoURL).toBe('https://git.example.test/app.git');
  });
});
