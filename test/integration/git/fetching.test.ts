// How often the cache goes to the network: one fetch for a burst of requests, none when the
// commit is already there; and the progress of the fetches it does make.
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, RepositoryError, type GitProgress } from '../../../engine/git/index.ts';
import { repoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { makeHistory, makeScratch, type History, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';

let scratch: Scratch;
let history: History;
let server: HttpGitServer;
let url: string;
const secrets = memorySecretStore();

beforeAll(async () => {
  scratch = await makeScratch();
  history = await makeHistory(scratch.root, 'counted.git');
  server = await startHttpGitServer({
    projectRoot: scratch.root,
    username: 'u',
    password: 'p4ssw0rd',
    protect: 'all',
  });
  url = server.url('counted.git');
  await repoCredentials(secrets, url).set({ username: 'u', password: 'p4ssw0rd' });
});
afterAll(async () => {
  await server.close();
  await scratch.remove();
});

describe('fetching', () => {
  it('makes one fetch for concurrent resolutions of a missing commit', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-burst'), secrets });
    const before = server.fetches;
    // Full SHAs skip the ref listing, so these reach the "commit missing" point together.
    const revisions = [history.main, history.main, history.main, history.main, 'main', 'HEAD'];
    const resolved = await Promise.all(revisions.map((revision) => cache.resolveRevision(url, revision)));
    expect(resolved).toEqual(revisions.map(() => history.main));
    expect(server.fetches - before).toBe(1);
  });

  it('fetches again only for a commit the cache does not have', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-again'), secrets });
    await cache.resolveRevision(url, 'main');
    const afterFirst = server.fetches;
    await Promise.all([
      cache.resolveRevision(url, 'v1'),
      cache.resolveRevision(url, 'feature'),
      cache.log(url, 'main', 5),
    ]);
    expect(server.fetches).toBe(afterFirst);

    const next = await history.remote.commit({ 'app/new.yaml': 'n: 1\n' }, 'new on main');
    await history.remote.push('main');
    await Promise.all([cache.resolveRevision(url, 'main'), cache.resolveRevision(url, 'main')]);
    expect(server.fetches).toBe(afterFirst + 1);
    expect(await cache.resolveRevision(url, 'main')).toBe(next);
  });

  it('reports the progress of a fetch it starts', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-progress'), secrets });
    const progress: GitProgress[] = [];
    await cache.resolveRevision(url, 'main', { onProgress: (step) => progress.push(step) });
    expect(progress.length).toBeGreaterThan(0);
    for (const step of progress) {
      expect(step.stage).toMatch(/^[a-z]+$/);
      expect(step.percent).toBeGreaterThanOrEqual(0);
      expect(step.percent).toBeLessThanOrEqual(100);
    }
    expect(progress.at(-1)?.percent).toBe(100);
  });

  it('gives up on a server that never answers, with `timeout`', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-silent'), timeoutMs: 1_000 });
      const error = await cache
        .lsRemote(`http://127.0.0.1:${port}/app.git`)
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(RepositoryError);
      expect(error).toMatchObject({ kind: 'timeout', message: expect.stringContaining('no output for 1 s') });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
