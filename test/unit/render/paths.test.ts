// Source paths: long ones refused at once, and resolving one costs one lookup per component.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH, resolveAppDir, resolveRepoFile } from '../../../engine/render/paths.ts';
import { tempDir } from '../../support/tempDir.js';

describe('source paths', () => {
  it('refuses a path over the limit at once, saying how long it is', async () => {
    const repo = tempDir();
    const path = Array(20_000).fill('a').join('/');
    const started = performance.now();
    await expect(resolveAppDir(repo, path)).rejects.toThrow(
      `app path is 39999 characters long, over the limit of ${MAX_PATH_LENGTH}`,
    );
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('resolves a path just under the limit quickly (it was quadratic)', async () => {
    const repo = tempDir();
    const path = Array(2000).fill('a').join('/');
    const started = performance.now();
    await expect(resolveAppDir(repo, path)).rejects.toThrow(/does not exist in the repository/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses NUL and line breaks in a path', async () => {
    const repo = tempDir();
    await expect(resolveAppDir(repo, 'a\0b')).rejects.toThrow(/contains a NUL or a line break/);
    await expect(resolveRepoFile(repo, repo, 'v\nalues.yaml', 'value file')).rejects.toThrow(
      /value file "v\\nalues.yaml" contains/,
    );
  });

  it('sees a symlink out of the repository in the middle of a path that does not exist', async () => {
    const root = tempDir();
    await mkdir(join(root, 'repo'));
    await mkdir(join(root, 'outside'));
    await symlink(join(root, 'outside'), join(root, 'repo', 'link'));
    await expect(resolveAppDir(join(root, 'repo'), 'link/missing/deeper')).rejects.toThrow(
      'app path link/missing/deeper leads outside the repository through a symlink',
    );
  });
});
