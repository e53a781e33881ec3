// Without git-lfs (a PATH that lacks it, for this test file's process and the CLI it starts): a
// checkout keeps the LFS pointers, and rendering the folder that holds one fails naming the file
// and saying git-lfs is missing, instead of applying the pointer's text as a manifest.
import { mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { gitLfsInstalled, refuseLfsPointers } from '../../../engine/git/lfs.ts';
import { runCli } from '../../support/cli.ts';
import { makeRemote, makeScratch, type Remote, type Scratch } from '../../support/gitFixtures.ts';
import { pointerFiles } from '../../support/lfsFixtures.ts';

let scratch: Scratch;
let remote: Remote;
let pathWithoutLfs: string;

/** A folder with every program of PATH but git-lfs, as symlinks. */
async function binariesWithoutGitLfs(root: string): Promise<string> {
  const bin = join(root, 'bin-without-git-lfs');
  await mkdir(bin);
  const seen = new Set<string>();
  for (const folder of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (name.startsWith('git-lfs') || seen.has(name)) continue;
      seen.add(name);
      await symlink(join(folder, name), join(bin, name));
    }
  }
  return bin;
}

beforeAll(async () => {
  scratch = await makeScratch();
  remote = await makeRemote(scratch.root, 'pointers.git');
  await remote.commit(pointerFiles(), 'a manifest as an LFS pointer');
  await remote.push('main');
  pathWithoutLfs = await binariesWithoutGitLfs(scratch.root);
  process.env.PATH = pathWithoutLfs;
});
afterAll(() => scratch.remove());

describe('a repository with LFS files where git-lfs is not installed', () => {
  it('checks out the pointer and refuses to render its folder, naming the file', async () => {
    expect(await gitLfsInstalled()).toBe(false);
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache') });
    const dir = await cache.checkout(remote.bare, 'main');
    expect(await readFile(join(dir, 'deploy/configmap.yaml'), 'utf8')).toMatch(/^version https:\/\/git-lfs/);
    await expect(refuseLfsPointers(dir, 'deploy')).rejects.toThrow(
      'deploy/configmap.yaml is a Git LFS pointer file, not the file itself: git-lfs is not installed',
    );
    await expect(refuseLfsPointers(dir, 'deploy/plain.yaml')).resolves.toBeUndefined();
  });

  it('plumbline render fails with that message and prints no manifest', async () => {
    const result = await runCli(['render', '--repo', remote.bare, '--revision', 'main', '--path', 'deploy'], {
      PATH: pathWithoutLfs,
      PLUMBLINE_DATA_DIR: join(scratch.root, 'cli-data'),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('deploy/configmap.yaml is a Git LFS pointer file');
    expect(result.stderr).toContain('git-lfs is not installed');
    expect(result.stdout).not.toContain('oid sha256');
  });
});
