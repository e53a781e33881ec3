// Git LFS in the render checkout, against a real LFS server (Gitea, built by test/gitea/build.sh):
// a private repository whose manifests are LFS files is checked out with the files themselves,
// fetched with the stored credentials; a file over the size limit stays a pointer, and the
// render of its folder fails naming it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { refuseLfsPointers } from '../../../engine/git/lfs.ts';
import { repoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { giteaUnavailable, startGitea, type GiteaServer } from '../../support/giteaServer.ts';
import { git, makeScratch, type Scratch } from '../../support/gitFixtures.ts';
import { makeLfsRepository, LFS_MANIFEST } from '../../support/lfsFixtures.ts';

const unavailable = giteaUnavailable();
let gitea: GiteaServer;
let scratch: Scratch;
let url: string;
let commit: string;

describe.skipIf(unavailable !== null)('Git LFS files from a real LFS server', () => {
  beforeAll(async () => {
    scratch = await makeScratch();
    gitea = await startGitea({ lfs: true });
    await gitea.api('POST', '/user/repos', { name: 'lfs-app', private: true, default_branch: 'main' });
    url = `${gitea.url}/tester/lfs-app.git`;
    const work = await makeLfsRepository(scratch.root, 'lfs-app-work');
    const pushUrl = url.replace('http://', `http://tester:${gitea.token}@`);
    await git(work, 'push', '--quiet', pushUrl, 'main');
    commit = await git(work, 'rev-parse', 'HEAD');
  });
  afterAll(async () => {
    await gitea?.close();
    await scratch?.remove();
  });

  it('writes the LFS files themselves, fetched with the credentials stored for the repository', async () => {
    const secrets = memorySecretStore();
    await repoCredentials(secrets, url).set({ username: 'tester', password: gitea.token });
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache'), secrets });
    const dir = await cache.checkout(url, commit);
    expect(await readFile(join(dir, 'deploy/configmap.yaml'), 'utf8')).toBe(LFS_MANIFEST);
    expect(await readFile(join(dir, 'deploy/plain.yaml'), 'utf8')).toContain('name: plain');
    await expect(refuseLfsPointers(dir, 'deploy')).resolves.toBeUndefined();
  });

  it('a wrong token fails the checkout, naming the repository and not the token', async () => {
    const secrets = memorySecretStore();
    await repoCredentials(secrets, url).set({ username: 'tester', password: 'not-the-token-8812' });
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-wrong'), secrets });
    const failure = await cache.checkout(url, commit).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('lfs-app');
    expect((failure as Error).message).not.toContain('not-the-token-8812');
  });

  it('leaves a file over the size limit as its pointer, and the render of its folder names it', async () => {
    const secrets = memorySecretStore();
    await repoCredentials(secrets, url).set({ username: 'tester', password: gitea.token });
    const cache = createRepositoryCache({
      cacheDir: join(scratch.root, 'cache-limited'),
      secrets,
      lfsLimits: { maxFileBytes: 16, maxTotalBytes: 1024, maxFiles: 10 },
    });
    const dir = await cache.checkout(url, commit);
    expect(await readFile(join(dir, 'deploy/configmap.yaml'), 'utf8')).toMatch(/^version https:\/\/git-lfs/);
    await expect(refuseLfsPointers(dir, 'deploy')).rejects.toThrow(
      /deploy\/configmap\.yaml is a Git LFS pointer file, not the file itself: it was not fetched/,
    );
    await expect(refuseLfsPointers(dir, 'other')).resolves.toBeUndefined();
  });
});
