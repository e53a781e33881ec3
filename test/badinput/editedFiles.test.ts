// Hostile edits of a file a set's git generators read, previewed before a commit: paths that
// climb, are absolute, or go through a symbolic link the repository holds to a folder outside
// (where a write would land on the user's files), and a link named as the file itself. Each is
// refused; the file outside keeps its content and never reaches the result.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repositoryFileText, withEditedFiles } from '../../engine/appset/editedFiles.ts';
import type { RepositorySource } from '../../engine/appset/sources.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';

const REPO = 'https://git.example.test/config.git';

/** A checkout holding a file, a link to the marker's folder and a link to the marker itself. */
async function checkoutWithLinks(marker: OutsideMarker): Promise<RepositorySource> {
  const checkout = join(tempDir('plumbline-edited-'), 'checkout');
  await mkdir(join(checkout, 'envs'), { recursive: true });
  await writeFile(join(checkout, 'envs', 'config.json'), '{}');
  await symlink(marker.dir, join(checkout, 'outside'));
  await symlink(marker.path, join(checkout, 'envs', 'secret.json'));
  return { checkout: async () => checkout };
}

async function editing(marker: OutsideMarker, path: string): Promise<string> {
  try {
    const { repositories, cleanup } = await withEditedFiles(
      await checkoutWithLinks(marker),
      [{ repoURL: REPO, path, text: 'overwritten' }],
      tempDir('plumbline-edited-scratch-'),
    );
    try {
      await repositories.checkout(REPO, 'main');
      return 'written';
    } finally {
      await cleanup();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

badInputCases('edited git files', [
  {
    name: 'edited paths ../x, /etc/passwd and envs/../../x',
    outcome: 'refused as not a path inside the repository, before anything is copied',
    run: async (marker) => {
      const results = [];
      for (const path of ['../x', '/etc/passwd', 'envs/../../x', '', 'envs\\..\\x'])
        results.push(await editing(marker, path));
      for (const result of results) expect(result).toMatch(/is not a path inside the repository/);
      return results;
    },
  },
  {
    name: 'an edit through the repository’s link to a folder outside, and one of a link to a file outside',
    outcome: 'refused: never written through a symbolic link; the file outside keeps its content',
    run: async (marker) => {
      const throughFolder = await editing(marker, 'outside/secret.txt');
      const linkedFile = await editing(marker, 'envs/secret.json');
      expect(throughFolder).toMatch(/goes through a symbolic link of the repository: not written/);
      expect(linkedFile).toMatch(/goes through a symbolic link of the repository: not written/);
      expect(await readFile(marker.path, 'utf8')).toBe(`${marker.secret}\n`);
      return { throughFolder, linkedFile };
    },
  },
  {
    name: 'opening a linked file to edit it',
    outcome: 'refused: its text (the file outside) is never read',
    run: async (marker) => {
      const repositories = await checkoutWithLinks(marker);
      const refused = await repositoryFileText(repositories, REPO, 'main', 'envs/secret.json', 1024).catch(
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/goes through a symbolic link/);
      return refused;
    },
  },
]);
